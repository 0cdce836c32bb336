// libclang binding: CXSourceRange.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXSourceRange</c>; its end is one past the last character.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXSourceRange
{
    public readonly IntPtr ptr_data0;
    public readonly IntPtr ptr_data1;
    public readonly uint begin_int_data;
    public readonly uint end_int_data;
}
