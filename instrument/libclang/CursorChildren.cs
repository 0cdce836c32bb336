// Collecting a cursor's children through an unmanaged visitor.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Collects a cursor's children (or a record type's fields) into a list, so that traversal is plain
/// managed recursion. The list travels to the unmanaged-callable visitor as a GCHandle.
/// </summary>
internal static unsafe class CursorChildren
{
    /// <summary>The direct children of <paramref name="parent"/> in source order.</summary>
    public static List<CXCursor> Of(CXCursor parent)
    {
        var children = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(children);
        try
        {
            Clang.clang_visitChildren(parent, &Collect, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return children;
    }

    /// <summary>The fields (FieldDecl cursors, implicit anonymous members included) of a record type.</summary>
    public static List<CXCursor> FieldsOf(CXType record)
    {
        var fields = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(fields);
        try
        {
            Clang.clang_Type_visitFields(record, &CollectField, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return fields;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CXChildVisitResult Collect(CXCursor cursor, CXCursor parent, IntPtr clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr(clientData).Target!).Add(cursor);
        return CXChildVisitResult.CXChildVisit_Continue;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CXVisitorResult CollectField(CXCursor cursor, IntPtr clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr(clientData).Target!).Add(cursor);
        return CXVisitorResult.CXVisit_Continue;
    }
}
