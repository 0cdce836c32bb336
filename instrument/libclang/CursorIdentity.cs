// Numbering declarations so references can be matched to them.
namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Numbers declarations: every cursor of the same declared entity (all redeclarations and every
/// reference resolved to it) gets the same small integer, via its canonical cursor.
/// </summary>
internal sealed class CursorIdentity
{
    private readonly Dictionary<uint, List<(CXCursor Cursor, int Id)>> byHash = [];
    private int next;

    /// <summary>The number of the entity <paramref name="cursor"/> declares or is; null for a null cursor.</summary>
    public int? IdOf(CXCursor cursor)
    {
        if (Clang.clang_Cursor_isNull(cursor) != 0)
        {
            return null;
        }

        CXCursor canonical = Clang.clang_getCanonicalCursor(cursor);
        uint hash = Clang.clang_hashCursor(canonical);
        if (!byHash.TryGetValue(hash, out List<(CXCursor Cursor, int Id)>? bucket))
        {
            bucket = [];
            byHash.Add(hash, bucket);
        }

        foreach ((CXCursor known, int id) in bucket)
        {
            if (Clang.clang_equalCursors(known, canonical) != 0)
            {
                return id;
            }
        }

        int fresh = next++;
        bucket.Add((canonical, fresh));
        return fresh;
    }
}
