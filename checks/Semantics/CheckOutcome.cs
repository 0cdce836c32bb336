// What one check found: result, cache fact, failure.

namespace Liballocs.Checks.Semantics;

/// <summary>A fact for the thread's check cache: checks of <see cref="Key"/> and
/// <see cref="KindAndDegree"/> pass at <c>Lo + k * Period</c> below <c>Hi</c>.</summary>
public readonly record struct CacheFact(nuint Lo, nuint Hi, ulong Period, nint Key, uint KindAndDegree);

/// <summary>
/// What went wrong in a failed check, as detected (nothing formatted yet): the cast site (a
/// <c>struct __liballocs_castsite *</c>), the pointer, the allocation containing it, the offset
/// into it, and the innermost subobject type containing that offset (0 when none).
/// </summary>
public sealed record CastFailure(nint Site, nuint Pointer, Allocation Allocation, ulong Offset, nint Subobject);

/// <summary>The heap chunk a verdict followed from by its allocation site alone: every check of the same cast site into a
/// live heap chunk of allocation site <paramref name="Site"/> (0: none) and <paramref name="Size"/> requested bytes, at the same
/// offset from its base, has the same verdict (the C layer answers those itself); with <paramref name="Retype"/>, once that
/// chunk's site is set to it (a lazy typing, repeated), and only where no inferred typing lies in the chunk. With
/// <paramref name="Typing"/>, the verdict followed from an inferred typing instead, and the offset that matters is the one into
/// it (see <see cref="TypingScope"/>). <paramref name="Base"/> is this chunk's base.</summary>
public readonly record struct VerdictScope(nint Site, nuint Base, ulong Size, nint Retype = 0, TypingScope? Typing = null)
{
    /// <summary>The scope is a local's activation instead of a heap chunk: <see cref="Site"/> is the local's descriptor (a
    /// <c>struct __liballocs_local_desc *</c>), <see cref="Base"/> and <see cref="Size"/> the activation's; every check of the
    /// cast site into an activation of that local of that size, at the same offset, has the same verdict.</summary>
    public bool Local { get; init; }

    /// <summary>The scope is one address in static storage (a function, a global): <see cref="Base"/> is the address,
    /// <see cref="Site"/> and <see cref="Size"/> 0; every check of the cast site at that address has the same verdict while the
    /// object holding it stays loaded (as a static fact of the check cache never expires).</summary>
    public bool Static { get; init; }

    /// <summary>The verdict holds in chunks of the site of any size, not only of <see cref="Size"/> (the address lies before the
    /// flexible array member the site's type ends in: <see cref="NativeReading.SizeIndependentBelow"/>).</summary>
    public bool AnySize { get; init; }

    /// <summary>Non-null: the check recorded an inferred typing at the checked address (see <see cref="Inference"/>), and so does
    /// every check the scope covers, where no typing holds the address (with <see cref="Typing"/>: where that typing holds it,
    /// which the new one replaces).</summary>
    public Inference? Infer { get; init; }
}

/// <summary>The inferred typing a verdict records at the checked address: of allocation site <paramref name="Site"/> (the
/// runtime's synthetic site for the cast's type), spanning <paramref name="Extent"/> bytes, which fit in the heap chunk there.
/// With <paramref name="PassesWhenClean"/> the check then passes unless the typing replaced others (then, as otherwise, it is
/// unknown storage: inferred type differs, past typed head).</summary>
public readonly record struct Inference(nint Site, ulong Extent, bool PassesWhenClean);

/// <summary>An inferred typing a passing verdict followed from: every check of the same cast site into a typing of
/// <paramref name="Site"/> spanning <paramref name="Size"/> bytes, at the same offset from its base, passes, in a heap chunk of
/// the scope's site and size, at an offset from the chunk's base of at least <paramref name="From"/>, the typing lying in the chunk
/// at or past that offset (from there on the runtime asks the typings: the chunk is untyped, or that is past its typed head; and
/// its object holds the typing). <paramref name="Base"/> is this typing's base.</summary>
public readonly record struct TypingScope(nint Site, nuint Base, ulong Size, ulong From);

/// <summary>The outcome of one check: the result, a fact when one may be cached, the failure
/// when it failed, whether the check typed the memory lazily and, when it did, the allocator of
/// the chunk it typed; for unknown storage, why; whether the check recorded an inferred typing
/// of the object at the address inside untyped heap memory (<paramref name="Inferred"/>: with
/// <paramref name="TypedLazily"/> when the check passed as that typing's first, else an unknown); and, when the verdict
/// followed from a heap chunk's allocation site alone, the chunks it holds for (<paramref name="Reuse"/>); for
/// <see cref="UnknownCause.DamagedMetadata"/>, the damaged chunk (<paramref name="Damaged"/>).</summary>
public readonly record struct CheckOutcome(CheckResult Result, CacheFact? Fact, CastFailure? Failure, bool TypedLazily,
    Allocator? TypedAllocator = null, UnknownCause Cause = UnknownCause.None, bool Inferred = false, VerdictScope? Reuse = null,
    Allocation? Damaged = null);
