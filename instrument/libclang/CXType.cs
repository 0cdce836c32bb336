// libclang binding: CXType.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXType</c>, passed by value; <c>data0</c> carries clang's qualified type pointer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXType
{
    public readonly CXTypeKind kind;
    public readonly IntPtr data0;
    public readonly IntPtr data1;
}
