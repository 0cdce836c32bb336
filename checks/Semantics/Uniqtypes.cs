// Small questions about uniqtypes that the check semantics ask again and again.

namespace Liballocs.Checks.Semantics;

/// <summary>Predicates over <c>struct uniqtype</c>; all answer false/unknown for null.</summary>
public static unsafe class Uniqtypes
{
    /// <summary>True when <paramref name="u"/> has a known, non-zero size: memory can be typed with it.</summary>
    public static bool IsComplete(Uniqtype* u) =>
        u != null && u->size != UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN && u->size > 0 && (u->flags & UniqtypeFlags.Incomplete) == 0
        && u->kind is not (UniqtypeKind.Void or UniqtypeKind.Subprogram);

    /// <summary>Size in bytes, or null when unknown.</summary>
    public static ulong? SizeOf(Uniqtype* u) => u == null || u->size == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN ? null : u->size;

    /// <summary>An array whose element count is not part of its type (flexible member, T[], VLA).</summary>
    public static bool IsUnknownLengthArray(Uniqtype* u) =>
        u != null && u->kind == UniqtypeKind.Array && (u->flags & UniqtypeFlags.UnknownLength) != 0;

    /// <summary>A struct or union.</summary>
    public static bool IsComposite(Uniqtype* u) => u != null && u->kind == UniqtypeKind.Composite;

    /// <summary>A union (a composite whose members overlap).</summary>
    public static bool IsUnion(Uniqtype* u) => IsComposite(u) && (u->flags & UniqtypeFlags.Union) != 0;

    /// <summary>A pointer.</summary>
    public static bool IsPointer(Uniqtype* u) => u != null && u->kind == UniqtypeKind.Address;

    /// <summary>void.</summary>
    public static bool IsVoid(Uniqtype* u) => u != null && u->kind == UniqtypeKind.Void;

    /// <summary><c>void *</c>.</summary>
    public static bool IsVoidPointer(Uniqtype* u) => IsPointer(u) && IsVoid(u->target);

    /// <summary>An array of character type, at any depth (<c>char[14]</c>, <c>unsigned char[2][8]</c>).</summary>
    public static bool IsCharacterArray(Uniqtype* u)
    {
        if (u == null || u->kind != UniqtypeKind.Array)
            return false;
        var e = u->target;
        while (e != null && e->kind == UniqtypeKind.Array)
            e = e->target;
        return e != null && e->kind == UniqtypeKind.Base && (e->flags & UniqtypeFlags.Char) != 0;
    }

    /// <summary>Compares two NUL-terminated UTF-8 names; false when either is null.</summary>
    public static bool NamesEqual(byte* a, byte* b)
    {
        if (a == null || b == null)
            return false;
        for (var i = 0; ; i++)
        {
            if (a[i] != b[i])
                return false;
            if (a[i] == 0)
                return true;
        }
    }

    /// <summary>True when the NUL-terminated name <paramref name="a"/> equals <paramref name="b"/>.</summary>
    public static bool NameIs(byte* a, ReadOnlySpan<byte> b)
    {
        if (a == null)
            return false;
        for (var i = 0; i < b.Length; i++)
        {
            if (a[i] != b[i])
                return false;
        }
        return a[b.Length] == 0;
    }
}
