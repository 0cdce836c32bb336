// One reported problem and its one-line rendering.
namespace Liballocs.Instrument.Diagnostics;

/// <summary>One reported problem: what (<see cref="Descriptor"/>), the specific message, and where (file, 1-based line and column; 0 when unknown).</summary>
internal sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>
    /// One line in the style of compiler diagnostics, e.g.
    /// <c>allocscc: warning: foo.c:3: cannot instrument (...); compiling uninstrumented [LA1004]</c>.
    /// </summary>
    public string Format()
    {
        string severity = Descriptor.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
        string where = File is null ? "" : Line <= 0 ? $"{File}: " : Column <= 0 ? $"{File}:{Line}: " : $"{File}:{Line}:{Column}: ";
        return $"allocscc: {severity}: {where}{Message} [{Descriptor.Id}]";
    }
}
