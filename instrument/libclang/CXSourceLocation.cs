// libclang binding: CXSourceLocation.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXSourceLocation</c>, passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXSourceLocation
{
    public readonly IntPtr ptr_data0;
    public readonly IntPtr ptr_data1;
    public readonly uint int_data;
}
