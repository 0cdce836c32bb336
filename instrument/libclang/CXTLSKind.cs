// libclang binding: enum CXTLSKind.
namespace Liballocs.Instrument.Libclang;

/// <summary>Thread-local storage kind of a variable.</summary>
internal enum CXTLSKind
{
    CXTLS_None = 0,
    CXTLS_Dynamic = 1,
    CXTLS_Static = 2,
}
