// Reading the mirrored C structures: their strings, a uniqtype's name, a site's flexible array.
using System.Runtime.InteropServices;

namespace Liballocs.Contract.Interop;

/// <summary>Questions about the structures of <c>uniqtype.h</c> and <c>liballocs_meta.h</c> that the runtime and the checks
/// both ask, answered from the structures alone (no registry, no process state).</summary>
public static unsafe class NativeReading
{
    /// <summary>Decodes a NUL-terminated UTF-8 string; empty for null.</summary>
    public static string Utf8(byte* s) => s == null ? "" : Marshal.PtrToStringUTF8((nint)s) ?? "";

    /// <summary>The name <paramref name="u"/> carries, or "(unknown type)" for null or a nameless uniqtype.</summary>
    public static string NameOf(Uniqtype* u) => u == null || u->name == null ? "(unknown type)" : Utf8(u->name);

    /// <summary>True when <paramref name="t"/> is a struct whose last member is an array of unknown or zero length (a chunk of
    /// it is one object whose trailing array extends to the chunk's end).</summary>
    public static bool EndsInFlexibleArray(Uniqtype* t)
    {
        if (t == null || t->kind != UniqtypeKind.Composite || (t->flags & UniqtypeFlags.Union) != 0
            || t->count == 0 || t->members == null)
            return false;
        var last = t->members[t->count - 1].type;
        return last != null && last->kind == UniqtypeKind.Array
            && ((last->flags & UniqtypeFlags.UnknownLength) != 0 || last->count == 0);
    }

    /// <summary>
    /// The offset in bytes below which a chunk from <paramref name="site"/> holds the same subobjects whatever the chunk's size:
    /// the offset of the flexible array member its type ends in, when the site is typed (not lazily) and allocates no array (the
    /// chunk's type is then the site's type for every size, and only the flexible array's extent varies); 0 otherwise.
    /// </summary>
    public static ulong SizeIndependentBelow(AllocSite* site)
    {
        if (site == null || site->type == null || (site->flags & (AllocsiteFlags.Array | AllocsiteFlags.Lazy)) != 0
            || !EndsInFlexibleArray(site->type))
            return 0;
        return site->type->members[site->type->count - 1].offset;
    }
}
