// libclang binding: CXToken.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXToken</c>, as returned in the array of <see cref="Clang.clang_tokenize"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXToken
{
    public readonly uint int_data0;
    public readonly uint int_data1;
    public readonly uint int_data2;
    public readonly uint int_data3;
    public readonly IntPtr ptr_data;
}
