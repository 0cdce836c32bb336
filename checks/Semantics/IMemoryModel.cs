// What the check engine needs from the process's model of memory.

namespace Liballocs.Checks.Semantics;

/// <summary>What a search for an inferred typing found.</summary>
public enum TypingLookup
{
    /// <summary>No typing holds the address.</summary>
    None,
    /// <summary>A typing holds it.</summary>
    Found,
    /// <summary>Writers kept the index busy: nothing is known.</summary>
    Busy,
}

/// <summary>
/// The allocations of the process as the check engine sees them. The live implementation is
/// the runtime's ProcessMemory (runtime/Checking); tests substitute their own.
/// </summary>
public unsafe interface IMemoryModel
{
    /// <summary>The innermost allocation containing <paramref name="address"/>; false when none.</summary>
    bool TryResolve(nuint address, out Allocation allocation);

    /// <summary>
    /// Gives the heap or suballocated chunk <paramref name="chunk"/>, untyped or typed lazily before, the type <paramref name="type"/>
    /// (an array of it when the chunk holds several) and answers the chunk as now typed, provided its site is still the one
    /// <paramref name="chunk"/> names (another thread's typing meanwhile wins); false when the chunk is gone.
    /// </summary>
    bool TryTypeLazily(in Allocation chunk, Uniqtype* type, out Allocation typed);

    /// <summary>The inferred typing (<see cref="Allocation.Inferred"/>) containing <paramref name="address"/> inside the heap chunk
    /// <paramref name="holder"/>: <see cref="TypingLookup.Found"/> and <paramref name="typing"/>, <see cref="TypingLookup.None"/>, or
    /// <see cref="TypingLookup.Busy"/> when the index could not be read (nothing is known).</summary>
    TypingLookup FindInferred(in Allocation holder, nuint address, out Allocation typing);

    /// <summary>Whether an inferred typing may overlap <paramref name="size"/> bytes at <paramref name="address"/> (true also when
    /// the index could not be read).</summary>
    bool MayHoldTypings(nuint address, ulong size);

    /// <summary>Records that <paramref name="extent"/> bytes at <paramref name="at"/>, inside the heap chunk <paramref name="holder"/>,
    /// hold a <paramref name="type"/>, replacing the typings they overlap (<paramref name="replaced"/> says whether there were any),
    /// and answers the typing; false when the range overlaps a suballocated chunk, exceeds 64 KiB, or the index is busy.</summary>
    bool TryInfer(in Allocation holder, nuint at, Uniqtype* type, ulong extent, out Allocation typing, out bool replaced);

    /// <summary>The freed chunk containing <paramref name="address"/>, as it was allocated (<see cref="Allocation.FreedBy"/> set):
    /// a suballocated chunk whose memory has not been reused, or, when <paramref name="inLiveAllocation"/> is false (the
    /// address resolved to a bare mapping), a heap chunk waiting in the quarantine. False when none.</summary>
    bool TryFindFreed(nuint address, bool inLiveAllocation, out Allocation freed);

    /// <summary>Why <paramref name="mapping"/>, a memory mapping holding <paramref name="address"/> outside every
    /// allocation of the leaf allocators, has no type there: <see cref="UnknownCause.UninstrumentedObject"/> inside a
    /// loaded object, <see cref="UnknownCause.NoRecord"/> on the main stack, else <see cref="UnknownCause.Mapping"/>.</summary>
    UnknownCause ClassifyMapping(in Allocation mapping, nuint address);

    /// <summary>Notes that a cached fact derives from the heap or suballocated chunk
    /// <paramref name="chunk"/>; false when facts about such chunks cannot be invalidated.</summary>
    bool MarkFacts(in Allocation chunk);
}
