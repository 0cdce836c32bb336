// Storage-class specifiers.
namespace Liballocs.Instrument.Syntax;

/// <summary>The storage-class specifier a declaration was written with.</summary>
internal enum StorageClass
{
    /// <summary>None written.</summary>
    None,
    /// <summary><c>extern</c>.</summary>
    Extern,
    /// <summary><c>static</c>.</summary>
    Static,
    /// <summary><c>auto</c>.</summary>
    Auto,
    /// <summary><c>register</c>.</summary>
    Register,
    /// <summary>Anything else clang reports (e.g. OpenCL address spaces).</summary>
    Other,
}
