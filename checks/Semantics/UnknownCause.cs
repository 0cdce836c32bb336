// Why a check could not tell: the holes of the memory model, counted apart in the summary.
namespace Liballocs.Checks.Semantics;

/// <summary>Why a check landed in unknown storage (passed, but proving nothing).</summary>
public enum UnknownCause
{
    /// <summary>Not unknown.</summary>
    None,
    /// <summary>The address is in no mapping at all (null-page offsets, kernel addresses, marker values such as (void *)-1).</summary>
    WildPointer,
    /// <summary>The allocation is known but nothing recorded its type: a heap or suballocated chunk no instrumented
    /// site typed (and not typable lazily here), a local of uninstrumented code on a stack, a local without a type, read-only
    /// data whose type was only guessed from its bytes (a string literal) and does not match.</summary>
    NoRecord,
    /// <summary>A function or variable of a loaded object that allocscc did not build (libc's, a plain-cc library's).</summary>
    UninstrumentedObject,
    /// <summary>A memory mapping with no allocation inside it at that address (mmap'd memory, a mapped file, free heap).</summary>
    Mapping,
    /// <summary>Past the first element of a chunk whose site names only its head (LIBALLOCS_ALLOCSITE_F_HEAD).</summary>
    PastTypedHead,
}

/// <summary>Names of <see cref="UnknownCause"/> as reports and the summary spell them.</summary>
public static class UnknownCauses
{
    /// <summary>Every cause but <see cref="UnknownCause.None"/>, in summary order.</summary>
    public static IReadOnlyList<UnknownCause> All { get; } =
        [UnknownCause.NoRecord, UnknownCause.UninstrumentedObject, UnknownCause.Mapping, UnknownCause.WildPointer, UnknownCause.PastTypedHead];

    /// <summary>The cause's name, e.g. "no record", "uninstrumented object".</summary>
    public static string NameOf(UnknownCause cause) => cause switch
    {
        UnknownCause.WildPointer => "wild pointer",
        UnknownCause.NoRecord => "no record",
        UnknownCause.UninstrumentedObject => "uninstrumented object",
        UnknownCause.Mapping => "mapping",
        UnknownCause.PastTypedHead => "past typed head",
        _ => "none",
    };
}
