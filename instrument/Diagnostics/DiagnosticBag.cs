// Collects diagnostics so that no single problem aborts a compile.
namespace Liballocs.Instrument.Diagnostics;

/// <summary>Collects diagnostics instead of throwing, so one bad construct never aborts a whole compile.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    /// <summary>Everything reported so far, in order.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>Whether an error has been reported.</summary>
    public bool HasErrors => items.Exists(d => d.Descriptor.Severity == DiagnosticSeverity.Error);

    /// <summary>Records a diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => items.Add(diagnostic);

    /// <summary>Records a diagnostic of kind <paramref name="descriptor"/>.</summary>
    public void Add(DiagnosticDescriptor descriptor, string message, string? file = null, int line = 0, int column = 0) =>
        items.Add(new Diagnostic(descriptor, message, file, line, column));

    /// <summary>Records all of <paramref name="diagnostics"/>.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);
}
