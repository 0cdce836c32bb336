// libclang binding: CXCursor.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>A libclang <c>CXCursor</c>: a node of the AST (declaration, statement, expression, reference), passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXCursor
{
    public readonly CXCursorKind kind;
    public readonly int xdata;
    public readonly IntPtr data0;
    public readonly IntPtr data1;
    public readonly IntPtr data2;
}
