// libclang binding: CXString.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXString</c>; must be released with <see cref="Clang.clang_disposeString"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXString
{
    public readonly IntPtr data;
    public readonly uint private_flags;
}
