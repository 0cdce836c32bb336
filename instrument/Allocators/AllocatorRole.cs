// What one configured function does.
namespace Liballocs.Instrument.Allocators;

/// <summary>What a configured function does: each has exactly one role.</summary>
internal enum AllocatorRole
{
    /// <summary>Returns (or stores through <c>result_in</c>) a new or resized chunk.</summary>
    Allocates,
    /// <summary>Frees the chunk passed as its <c>frees</c> argument.</summary>
    Frees,
    /// <summary>Frees every chunk of the arena passed as its <c>releases</c> argument (suballocators).</summary>
    Releases,
    /// <summary>Reports on the chunk passed as its <c>queries</c> argument (its size, say): allocator code that calls leave as they are.</summary>
    Queries,
}
