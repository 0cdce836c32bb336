// Which kind of storage an allocation is, as far as checks care.
namespace Liballocs.Model;

/// <summary>The storage an allocation lives in; decides caching and the report's wording.</summary>
public enum StorageKind
{
    /// <summary>A chunk of the malloc family (wrapper instances such as xmalloc included).</summary>
    Heap,
    /// <summary>A local or parameter of an instrumented function.</summary>
    Stack,
    /// <summary>A function, global or static variable, or string literal.</summary>
    Static,
    /// <summary>argv, envp, auxv and their strings.</summary>
    Auxv,
    /// <summary>A whole memory mapping (mmap, brk): no type information.</summary>
    Mapping,
    /// <summary>A chunk of a suballocator (pool, arena, obstack) carved out of another allocation.</summary>
    Suballocated,
}

/// <summary>Classifies allocators into <see cref="StorageKind"/>.</summary>
public static class StorageKinds
{
    /// <summary>
    /// True when allocations of this kind never move or die while the process runs (a fact about
    /// them holds forever), or die only through free (a fact holds for a free generation: heap and
    /// suballocated chunks, whose deaths the C layer reports when a fact came from them).
    /// Stack locals die at scope exit, which nothing tells the cache: never cached.
    /// </summary>
    public static bool MayCache(StorageKind kind) =>
        kind is StorageKind.Heap or StorageKind.Suballocated or StorageKind.Static or StorageKind.Auxv;

    /// <summary>True for chunks the C layer indexes, which lazy typing and fact marks apply to.</summary>
    public static bool IsChunk(StorageKind kind) => kind is StorageKind.Heap or StorageKind.Suballocated;

    /// <summary>The word reports use: "heap" for the malloc family (wrappers included), else the
    /// allocator's name ("stack", "static", "auxv", a suballocator instance such as "pool").</summary>
    public static string ReportName(Allocator allocator) => allocator.Storage == StorageKind.Heap ? "heap" : allocator.Name;
}
