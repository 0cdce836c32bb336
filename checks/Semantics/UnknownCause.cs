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
    /// <summary>Past the first element of a chunk whose site names only its head (LIBALLOCS_ALLOCSITE_F_HEAD), where the
    /// cast's type could not be recorded (not an is_a/like_a of a complete type, or too big for the rest of the chunk).</summary>
    PastTypedHead,
    /// <summary>Untyped heap memory whose type an earlier cast inferred, and this cast disagrees: C lets allocated storage
    /// take a new type with each store, and a cast cannot tell a store from a read. The cast's type replaces the inferred one
    /// where it fits.</summary>
    InferredTypeDiffers,
    /// <summary>A heap chunk whose metadata the program overwrote (it overflowed the chunk): its size and type are lost.</summary>
    DamagedMetadata,
    /// <summary>A signal handler's check while its thread was loading the runtime: waiting would never end, so the C layer
    /// passed it without an answer (shim_api.h, checks_unanswered).</summary>
    RuntimeNotReady,
    /// <summary>A signal handler's check that interrupted another check on its thread, which may hold the runtime's locks: the
    /// C layer passed it without an answer.</summary>
    InterruptedCheck,
}

/// <summary>Names of <see cref="UnknownCause"/> as reports and the summary spell them.</summary>
public static class UnknownCauses
{
    /// <summary>Every cause but <see cref="UnknownCause.None"/>, in summary order.</summary>
    public static IReadOnlyList<UnknownCause> All { get; } =
        [UnknownCause.NoRecord, UnknownCause.UninstrumentedObject, UnknownCause.Mapping, UnknownCause.WildPointer, UnknownCause.PastTypedHead,
         UnknownCause.InferredTypeDiffers, UnknownCause.DamagedMetadata, UnknownCause.RuntimeNotReady, UnknownCause.InterruptedCheck];

    /// <summary>The causes the C layer counts itself, in the order of shim_api.h's checks_unanswered.</summary>
    public static IReadOnlyList<UnknownCause> CountedByCLayer { get; } = [UnknownCause.RuntimeNotReady, UnknownCause.InterruptedCheck];

    /// <summary>The cause's name, e.g. "no record", "uninstrumented object".</summary>
    public static string NameOf(UnknownCause cause) => cause switch
    {
        UnknownCause.WildPointer => "wild pointer",
        UnknownCause.NoRecord => "no record",
        UnknownCause.UninstrumentedObject => "uninstrumented object",
        UnknownCause.Mapping => "mapping",
        UnknownCause.PastTypedHead => "past typed head",
        UnknownCause.InferredTypeDiffers => "inferred type differs",
        UnknownCause.DamagedMetadata => "overwritten heap metadata",
        UnknownCause.RuntimeNotReady => "runtime not ready",
        UnknownCause.InterruptedCheck => "interrupted check",
        _ => "none",
    };
}
