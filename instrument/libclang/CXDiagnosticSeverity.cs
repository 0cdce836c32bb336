// libclang binding: enum CXDiagnosticSeverity.
namespace Liballocs.Instrument.Libclang;

/// <summary>Severity of a clang diagnostic.</summary>
internal enum CXDiagnosticSeverity
{
    CXDiagnostic_Ignored = 0,
    CXDiagnostic_Note = 1,
    CXDiagnostic_Warning = 2,
    CXDiagnostic_Error = 3,
    CXDiagnostic_Fatal = 4,
}
