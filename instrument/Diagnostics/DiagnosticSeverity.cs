// How loudly a diagnostic is reported.
namespace Liballocs.Instrument.Diagnostics;

/// <summary>How loudly a diagnostic is reported.</summary>
internal enum DiagnosticSeverity
{
    /// <summary>Printed only when verbose output is on (<c>ALLOCSCC_VERBOSE=1</c>).</summary>
    Verbose,
    /// <summary>Always printed; the compile goes on.</summary>
    Warning,
    /// <summary>Always printed; allocscc fails.</summary>
    Error,
}
