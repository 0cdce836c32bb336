// The identity of a kind of diagnostic: stable ID, severity, meaning.
namespace Liballocs.Instrument.Diagnostics;

/// <summary>One kind of diagnostic: a stable ID (<c>LA1001</c>...), its severity and what it means.</summary>
internal sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Title);
