// One slow-path check: find the allocation, type it lazily if need be, ask the semantics, derive a fact.
using Liballocs.Checks.Interop;
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Interop;
using static Liballocs.Checks.Semantics.Uniqtypes;

namespace Liballocs.Checks.Semantics;

/// <summary>
/// Runs checks against a <see cref="IMemoryModel"/>. Stateless apart from the model, so it is
/// safe to call from any thread.
/// </summary>
public sealed unsafe class CheckEngine(IMemoryModel memory)
{
    /// <summary>Checks <paramref name="p"/> against <paramref name="site"/>.</summary>
    public CheckOutcome Check(nuint p, CastSite* site)
    {
        if (p == 0)
            return new CheckOutcome(CheckResult.Passed, null, null, false);
        if (!memory.TryResolve(p, out var a))
            return Unknown(UnknownCause.WildPointer);
        var storage = StorageKinds.Of(a.Allocator);
        // A freed chunk is listed apart from live ones: a suballocated one inside its live holder, a heap one in the quarantine.
        // Not in a local: a pool over a local buffer outlives no frame, and a later local at that address is not the chunk.
        if (storage is not (StorageKind.Suballocated or StorageKind.Stack) && memory.TryFindFreed(p, storage != StorageKind.Mapping, out var freed))
            return IntoFreed(site, p, freed);
        if (storage == StorageKind.Mapping)
            return Unknown(memory.ClassifyMapping(a, p));
        var kind = (CheckKind)site->kind;
        var typedLazily = false;
        if (a.Type == 0 || IsVoid((Uniqtype*)a.Type))
        {
            if (!MayTypeLazily(site, a, p, storage) || !memory.TryTypeLazily(a, site->target, out var typed))
                return Unknown(storage == StorageKind.Static ? UnknownCause.UninstrumentedObject : UnknownCause.NoRecord);
            a = typed;
            typedLazily = true;
        }
        var offset = (ulong)(p - a.Base);
        var name = site->target_type_name == null ? default
            : System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(site->target_type_name);
        var verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)a.Type, a.Size, offset);
        if (!verdict.Holds && MayRefineLazyType(site, a, p) && memory.TryTypeLazily(a, site->target, out var refined))
        {
            a = refined;
            typedLazily = true;
            verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)a.Type, a.Size, offset);
        }
        if (!verdict.Holds)
        {
            if (BeyondHead(a, offset))
                return Unknown(UnknownCause.PastTypedHead);
            if (a.TypeGuessed)
                return Unknown(UnknownCause.NoRecord);   // L"a" reads as the text "a": a guess cannot refute a cast
            var inner = SubobjectSearch.InnermostContaining((Uniqtype*)a.Type, a.Size, offset);
            return new CheckOutcome(CheckResult.Failed, null, new CastFailure((nint)site, p, a, offset, (nint)inner), typedLazily,
                typedLazily ? a.Allocator : null);
        }
        return new CheckOutcome(CheckResult.Passed, FactFor(site, a, storage, verdict.Shape), null, typedLazily,
            typedLazily ? a.Allocator : null);
    }

    // Any check into a freed chunk fails, whatever type the cast names: the memory is no longer the program's.
    private static CheckOutcome IntoFreed(CastSite* site, nuint p, in Allocation freed)
    {
        var offset = (ulong)(p - freed.Base);
        var inner = freed.Type == 0 ? null : SubobjectSearch.InnermostContaining((Uniqtype*)freed.Type, freed.Size, offset);
        return new CheckOutcome(CheckResult.Failed, null, new CastFailure((nint)site, p, freed, offset, (nint)inner), false);
    }

    private static CheckOutcome Unknown(UnknownCause cause) => new(CheckResult.UnknownStorage, null, null, false, null, cause);

    // Memory whose type is unknown takes the type of the first is_a/like_a cast to a complete
    // type that lands on its base, when the chunk (heap or suballocated) is big enough to hold one.
    private static bool MayTypeLazily(CastSite* site, in Allocation a, nuint p, StorageKind storage)
    {
        if (!StorageKinds.IsChunk(storage) || p != a.Base)
            return false;
        if ((CheckKind)site->kind is not (CheckKind.IsA or CheckKind.LikeA) || !IsComplete(site->target))
            return false;
        var chunkSite = (AllocSite*)a.Site;
        return (chunkSite == null || chunkSite->type == null) && a.Size >= site->target->size;
    }

    // A lazy type is a guess from the first cast; a later cast at the base to an S that begins with that type (its first member, at
    // any depth, is one) and fits in the chunk shows the guess was a prefix of the real object: an interpreter state reached first as
    // its first member, a hash table's records first cast to the key struct they begin with. Unrelated types still fail.
    private static bool MayRefineLazyType(CastSite* site, in Allocation a, nuint p)
    {
        var chunkSite = (AllocSite*)a.Site;
        if (p != a.Base || chunkSite == null || (chunkSite->flags & AllocSite.FlagLazy) == 0 || chunkSite->type == null)
            return false;
        if ((CheckKind)site->kind is not (CheckKind.IsA or CheckKind.LikeA) || !IsComplete(site->target))
            return false;
        return a.Size >= site->target->size && site->target->size > chunkSite->type->size
            && TypeMatching.BeginsWith(site->target, chunkSite->type);
    }

    // A chunk whose site names only its head (lazily typed chunks, and sizes like sizeof(H) +
    // n * sizeof(E) + ... that measure more than the type) is known to hold one T at its base,
    // nothing more. A cast that fails beyond that first element lands in storage whose type nobody
    // declared: unknown, not wrong. (Casts there that match T[] still pass: an array of heads.)
    private static bool BeyondHead(in Allocation a, ulong offset)
    {
        var chunkSite = (AllocSite*)a.Site;
        return chunkSite != null && (chunkSite->flags & AllocSite.FlagHead) != 0 && chunkSite->type != null
            && offset >= chunkSite->type->size;
    }

    private CacheFact? FactFor(CastSite* site, in Allocation a, StorageKind storage, FactShape shape)
    {
        if (!StorageKinds.MayCache(storage))
            return null;
        if (StorageKinds.IsChunk(storage) && !memory.MarkFacts(a))
            return null;
        var key = site->target != null ? (nint)site->target : (nint)site;
        return new CacheFact(a.Base + (nuint)shape.Lo, a.Base + (nuint)shape.Hi, shape.Period, key,
            site->kind | site->degree << 8);
    }
}
