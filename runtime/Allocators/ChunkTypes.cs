// The type of a chunk from its allocation site and size (heap chunks and suballocated chunks).
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>Types chunks of the malloc family and of suballocators alike.</summary>
public static unsafe class ChunkTypes
{
    /// <summary>
    /// The type of a chunk of <paramref name="size"/> bytes from <paramref name="site"/>: the
    /// site's element type T; an array of size / sizeof(T) elements when the site allocates
    /// arrays or the chunk holds several T; T itself when the chunk holds exactly one, or when T
    /// ends in a flexible array member (the chunk is one T whose trailing array extends to its
    /// end). Null when the site is unknown or untyped, or an array site's size is not a whole
    /// number of elements.
    /// </summary>
    public static Uniqtype* Of(UniqtypeRegistry types, AllocSite* site, ulong size)
    {
        if (site == null || site->type == null)
            return null;
        var element = site->type;
        var elementSize = element->size;
        if (elementSize == 0 || elementSize == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN || size == elementSize)
            return element;
        var isArray = (site->flags & AllocsiteFlags.Array) != 0;
        if (!isArray && (NativeReading.EndsInFlexibleArray(element) || size % elementSize != 0))
            return element;
        if (size % elementSize != 0)
            return null;
        return types.ArrayOf(element, size / elementSize);
    }
}
