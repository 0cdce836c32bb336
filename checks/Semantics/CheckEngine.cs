// One slow-path check: find the allocation, type it lazily if need be, ask the semantics, derive a fact.
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
        var storage = a.Allocator.Storage;
        // A freed chunk is listed apart from live ones: a suballocated one inside its live holder, a heap one in the quarantine.
        // Not in a local: a pool over a local buffer outlives no frame, and a later local at that address is not the chunk.
        if (storage is not (StorageKind.Suballocated or StorageKind.Stack) && memory.TryFindFreed(p, storage != StorageKind.Mapping, out var freed))
            return IntoFreed(site, p, freed);
        if (storage == StorageKind.Mapping)
            return Unknown(memory.ClassifyMapping(a, p));
        if (a.MetadataDamaged)
            return new CheckOutcome(CheckResult.UnknownStorage, null, null, false, Cause: UnknownCause.DamagedMetadata, Damaged: a);
        var kind = site->kind;
        var typedLazily = false;
        Allocation? untyped = null;   // the chunk as it was before this check typed it lazily
        var name = site->target_type_name == null ? default
            : System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(site->target_type_name);
        if (a.Type == 0 || IsVoid((Uniqtype*)a.Type))
        {
            if (storage == StorageKind.Heap)
            {
                switch (memory.FindInferred(a, p, out var typing))
                {
                    case TypingLookup.Found:
                        // Typings decide everywhere in a chunk whose site names no type; inside its object, past a wrapper's
                        // header, when it has one (an address in the header has the whole chunk for its holder).
                        var untypedSite = (AllocSite*)a.Site;
                        return CheckInferred(site, kind, name, p, a, typing,
                            a.HeapChunk != 0 && (untypedSite == null || (untypedSite->type == null && (untypedSite->header == 0 || a.Base != a.HeapChunk)))
                                ? (ulong)(a.Base - a.HeapChunk) : null);
                    case TypingLookup.Busy:
                        return Unknown(UnknownCause.NoRecord);
                }
            }
            // Casts typed objects inside the chunk's first T already: a type for the whole chunk would overrule them.
            // Where the cast could not type the chunk lazily (key-determined), its typing is the C layer's to repeat; where the
            // typings already in the chunk stopped a lazy typing, that is this chunk's alone.
            var lazyTypingPossible = MayTypeLazily(site, a, p, storage);
            if (!lazyTypingPossible || (storage == StorageKind.Heap && memory.MayHoldTypings(a.Base, site->target->size)))
                return storage == StorageKind.Heap ? Infer(site, kind, name, p, a, UnknownCause.NoRecord, reusable: !lazyTypingPossible)
                    : Unknown(storage == StorageKind.Static ? UnknownCause.UninstrumentedObject : UnknownCause.NoRecord);
            if (!memory.TryTypeLazily(a, site->target, out var typed))
                return Unknown(UnknownCause.NoRecord);   // freed, or typed by another thread, meanwhile
            untyped = a;
            a = typed;
            typedLazily = true;
        }
        var offset = (ulong)(p - a.Base);
        // Past a typed head, what a cast typed there wins over the head's array: the memory was found to hold other objects.
        if (storage == StorageKind.Heap && !typedLazily && BeyondHead(storage, a, offset))
        {
            switch (memory.FindInferred(a, p, out var past))
            {
                case TypingLookup.Found:
                    // Typings decide from the head's end on (past a wrapper's header, when the site names one).
                    return CheckInferred(site, kind, name, p, a, past,
                        a.HeapChunk == 0 ? null : (ulong)(a.Base - a.HeapChunk) + HeadSize(a, (AllocSite*)a.Site));
                case TypingLookup.Busy:
                    return Unknown(UnknownCause.PastTypedHead);
            }
        }
        var verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)a.Type, a.Size, offset);
        var mayRefine = !verdict.Holds && StorageKinds.IsChunk(storage) && MayRefineLazyType(site, a, p);
        // A larger type from the base would cover objects casts typed past the head: which is right, nobody can tell.
        if (mayRefine && storage == StorageKind.Heap && memory.MayHoldTypings(a.Base, site->target->size))
            return Unknown(UnknownCause.InferredTypeDiffers);
        if (mayRefine && memory.TryTypeLazily(a, site->target, out var refined))
        {
            a = refined;
            typedLazily = true;
            verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)a.Type, a.Size, offset);
        }
        var reuse = mayRefine ? null : untyped is { } before ? LazyTypingScope(storage, before, a, site->target) : ReusableScope(storage, a, offset);
        if (!verdict.Holds)
        {
            if (BeyondHead(storage, a, offset))
            {
                // The cast disagrees with the head's type (an array of heads does not reach here): it types the object there
                // for later casts, but what this one found is no agreement.
                // The typing follows from the chunk's site, size and the offset, where no typing held the address (FindInferred
                // found none above): the C layer repeats it in chunks like this one.
                Allocation made = default;
                var recorded = storage == StorageKind.Heap && TryRecordTyping(site, kind, name, p, a, out made, out _, out _);
                return Unknown(UnknownCause.PastTypedHead, recorded) with
                {
                    Reuse = recorded && a.HeapChunk != 0 && !typedLazily ? InferringScope(a, made, passesWhenClean: false) : null,
                };
            }
            if (a.TypeGuessed)
                return Unknown(UnknownCause.NoRecord);   // L"a" reads as the text "a": a guess cannot refute a cast
            var inner = SubobjectSearch.InnermostContaining((Uniqtype*)a.Type, a.Size, offset);
            return new CheckOutcome(CheckResult.Failed, null, new CastFailure((nint)site, p, a, offset, (nint)inner), typedLazily,
                typedLazily ? a.Allocator : null, Reuse: reuse);
        }
        return new CheckOutcome(CheckResult.Passed, FactFor(site, a, storage, verdict.Shape), null, typedLazily,
            typedLazily ? a.Allocator : null, Reuse: reuse);
    }

    // Whether the verdict at `offset` into `a` followed from its local's descriptor alone, from a static object's declaration
    // alone, or from its heap chunk's allocation site alone: the chunk's type is its site's (ChunkTypes.Of: site and size) and nothing else was consulted (no lazy guess refined
    // here, nothing past a typed head where inferred typings win, not a type guessed from contents). Suballocated chunks and freed ones resolve to other storage kinds
    // before this; the C layer checks that none lies at the address before it reuses a verdict.
    private static VerdictScope? ReusableScope(StorageKind storage, in Allocation a, ulong offset)
    {
        // A local's type is its descriptor's (a VLA's length from the activation's size): the C layer finds the calling thread's
        // activations, and keys on the descriptor and the size.
        if (storage == StorageKind.Stack)
            return a.Type == 0 || a.TypeGuessed || a.Site == 0 ? null : new VerdictScope(a.Site, a.Base, a.Size) { Local = true };
        // A function's or global's type is its declaration's: the C layer keys on the address (an interpreter's table of
        // builtins, each cast to its signature at every call).
        if (storage == StorageKind.Static)
            return a.Type == 0 || a.TypeGuessed ? null : new VerdictScope(0, a.Base + (nuint)offset, 0) { Static = true };
        var chunkSite = (AllocSite*)a.Site;
        if (storage != StorageKind.Heap || a.Inferred || a.TypeGuessed || chunkSite == null || chunkSite->type == null
            || a.Type == 0 || BeyondHead(storage, a, offset))
            return null;
        return a.HeapChunk == 0 ? null
            : new VerdictScope(a.Site, a.HeapChunk, a.HeapChunkSize)
            {
                // A wrapper's header applies in chunks bigger than it only: the object must begin past it here too.
                AnySize = offset < NativeReading.SizeIndependentBelow(chunkSite) && a.Base - a.HeapChunk == chunkSite->header,
            };
    }

    // A check that typed an untyped heap chunk lazily at its base passes in every chunk of the same site and size where no inferred
    // typing lies (the C layer checks) once the chunk's site is set to the one this check made (SyntheticSite: a function of the
    // chunk's site, the type and the chunk's size; it keeps the site's header, so the C layer sets it at the same address).
    // The site found after typing must be a lazy one of the cast's type: another thread may have typed the chunk otherwise
    // meanwhile, or freed it for a typed allocation to reuse, and TryTypeLazily then keeps what it found.
    private static VerdictScope? LazyTypingScope(StorageKind storage, in Allocation before, in Allocation typed, Uniqtype* target)
    {
        var made = (AllocSite*)typed.Site;
        if (storage != StorageKind.Heap || before.Inferred || before.HeapChunk == 0 || made == null || made->type != target
            || (made->flags & AllocsiteFlags.Lazy) == 0 || typed.HeapChunk != before.HeapChunk)
            return null;
        return new VerdictScope(before.Site, before.HeapChunk, before.HeapChunkSize, typed.Site);
    }

    // Heap memory no allocation site typed (an untyped chunk, or past the head its site names) holds objects at offsets only the
    // program knows: an interpreter's stack frames, a page cache's headers, a match engine's frames. A cast there records its type
    // for the object's extent (an inferred typing), and later casts into it are checked against it. C lets a later store give
    // allocated storage a new effective type (C11 6.5p6), and a cast cannot tell a store from a read: a cast that disagrees
    // re-types the memory and answers unknown ("inferred type differs"), never a report.
    // `typingsFrom`: the offset from the holder's heap chunk's base from which the runtime asks the typings, and where its object
    // begins (null: no such bound).
    private CheckOutcome CheckInferred(CastSite* site, CheckKind kind, ReadOnlySpan<byte> name, nuint p, in Allocation holder,
        in Allocation typing, ulong? typingsFrom)
    {
        var offset = (ulong)(p - typing.Base);
        var verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)typing.Type, typing.Size, offset);
        if (verdict.Holds)
        {
            // The verdict follows from the typing's type, size and the offset into it; which typing the runtime asks follows from
            // the holder's site, size and the offset into it.
            VerdictScope? reuse = typingsFrom is { } from && holder.HeapChunk != 0 && typing.Site != 0
                ? new VerdictScope(holder.Site, holder.HeapChunk, holder.HeapChunkSize,
                    Typing: new TypingScope(typing.Site, typing.Base, typing.Size, from))
                : null;
            return new CheckOutcome(CheckResult.Passed, FactFor(site, typing, StorageKind.Heap, verdict.Shape), null, false,
                Reuse: reuse);
        }
        var retyped = TryRecordTyping(site, kind, name, p, holder, out var made, out _, out _);   // where the cast's type fits
        // So does every such check into a typing like this one, where the new typing fits in the chunk: the C layer checks that
        // when the extent does not depend on the room left, which the typing's key does not hold.
        VerdictScope? retyping = retyped && typingsFrom is { } start && holder.HeapChunk != 0 && typing.Site != 0
            && ExtentIndependentOfRoom(site->target) && holder.Base + (nuint)holder.Size == holder.HeapChunk + (nuint)holder.HeapChunkSize
            ? InferringScope(holder, made, passesWhenClean: false) with { Typing = new TypingScope(typing.Site, typing.Base, typing.Size, start) }
            : null;
        return Unknown(UnknownCause.InferredTypeDiffers, retyped) with { Reuse = retyping };
    }

    // The scope of a verdict that recorded `typing` in heap chunk `holder`: chunks of its site and size (see Inference).
    private static VerdictScope InferringScope(in Allocation holder, in Allocation typing, bool passesWhenClean) =>
        new(holder.Site, holder.HeapChunk, holder.HeapChunkSize) { Infer = new Inference(typing.Site, typing.Size, passesWhenClean) };

    // Records the cast's type at p when it is a complete type whose inferred extent fits in the heap chunk from p. The typing's
    // first check passes when the memory held no other typing there; one that replaced others is unknown (inferred type
    // differs); one that could not be recorded is unknown for `cause`.
    // `reusable`: the runtime came here from the chunk's site and size, the offset and the cast alone, no typing holding the
    // address (the C layer then repeats the typing in chunks like this one, and ends as this check did).
    private CheckOutcome Infer(CastSite* site, CheckKind kind, ReadOnlySpan<byte> name, nuint p, in Allocation holder,
        UnknownCause cause, bool reusable)
    {
        if (!TryRecordTyping(site, kind, name, p, holder, out var typing, out var shape, out var replaced))
            return Unknown(cause);
        var reuse = reusable && holder.HeapChunk != 0 ? InferringScope(holder, typing, passesWhenClean: true) : (VerdictScope?)null;
        if (replaced)
            return Unknown(UnknownCause.InferredTypeDiffers, typed: true) with { Reuse = reuse };
        return new CheckOutcome(CheckResult.Passed, FactFor(site, typing, StorageKind.Heap, shape), null, true,
            holder.Allocator, Inferred: true, Reuse: reuse);
    }

    private bool TryRecordTyping(CastSite* site, CheckKind kind, ReadOnlySpan<byte> name, nuint p, in Allocation holder,
        out Allocation typing, out FactShape shape, out bool replaced)
    {
        typing = default;
        shape = default;
        replaced = false;
        if (kind is not (CheckKind.IsA or CheckKind.LikeA) || !IsComplete(site->target) || p < holder.Base)
            return false;
        var room = holder.Size - Math.Min(holder.Size, (ulong)(p - holder.Base));
        var extent = InferredExtent(site->target, room);
        if (extent == 0 || extent > room || !memory.TryInfer(holder, p, site->target, extent, out typing, out replaced))
            return false;
        var verdict = CheckSemantics.Evaluate(kind, site->degree, site->target, name, (Uniqtype*)typing.Type, typing.Size, 0);
        shape = verdict.Shape;
        return verdict.Holds;
    }

    /// <summary>The most bytes an inferred typing spans (the C layer refuses more).</summary>
    public const ulong MaxInferredExtent = 64 << 10;

    /// <summary>
    /// The bytes an inferred typing of <paramref name="type"/> spans where <paramref name="room"/> bytes are left in its heap
    /// chunk: its size; or, for a struct whose last member is an array the program sizes itself, the offset of that array.
    /// Such an array is a flexible member, a [0] or [1] "struct hack", or one whose declared bound does not fit the room or the
    /// 64 KiB a typing may span (a dummy bound such as [131072], chosen to silence warnings): its elements are the program's
    /// to count, and a next object may begin where they end. 0 for a type of unknown size.
    /// </summary>
    public static ulong InferredExtent(Uniqtype* type, ulong room)
    {
        if (type->size == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN)
            return 0;
        var fixedPart = TrailingArrayOffset(type);
        if (fixedPart == 0)
            return type->size;
        return ProgramSizedArray(type) || type->size > room ? fixedPart : type->size;
    }

    // Whether InferredExtent(type, room) is the same for any room it fits in.
    private static bool ExtentIndependentOfRoom(Uniqtype* type) => TrailingArrayOffset(type) == 0 || ProgramSizedArray(type);

    // Whether a struct's trailing array (TrailingArrayOffset non-zero) is one the program sizes itself whatever room is left: a
    // flexible member, a [0] or [1], or a bound past what a typing may span.
    private static bool ProgramSizedArray(Uniqtype* type)
    {
        var last = type->members[type->count - 1].type;
        return (last->flags & UniqtypeFlags.UnknownLength) != 0 || last->count <= 1
            || type->size > MaxInferredExtent;
    }

    // The offset of a struct's last member when that member is an array (and not the struct's only member); else 0.
    private static ulong TrailingArrayOffset(Uniqtype* type)
    {
        if (type->kind != UniqtypeKind.Composite
            || (type->flags & UniqtypeFlags.Union) != 0 || type->count == 0 || type->members == null)
            return 0;
        var last = type->members[type->count - 1];
        return last.type != null && last.type->kind == UniqtypeKind.Array ? last.offset : 0;
    }

    // Any check into a freed chunk fails, whatever type the cast names: the memory is no longer the program's.
    private static CheckOutcome IntoFreed(CastSite* site, nuint p, in Allocation freed)
    {
        var offset = (ulong)(p - freed.Base);
        var inner = freed.Type == 0 ? null : SubobjectSearch.InnermostContaining((Uniqtype*)freed.Type, freed.Size, offset);
        return new CheckOutcome(CheckResult.Failed, null, new CastFailure((nint)site, p, freed, offset, (nint)inner), false);
    }

    // `typed`: the check recorded an inferred typing on the way (it answers unknown all the same).
    private static CheckOutcome Unknown(UnknownCause cause, bool typed = false) =>
        new(CheckResult.UnknownStorage, null, null, false, null, cause, typed);

    // Memory whose type is unknown takes the type of the first is_a/like_a cast to a complete
    // type that lands on its base, when the chunk (heap or suballocated) is big enough to hold one.
    private static bool MayTypeLazily(CastSite* site, in Allocation a, nuint p, StorageKind storage)
    {
        if (!StorageKinds.IsChunk(storage) || p != a.Base)
            return false;
        if (site->kind is not (CheckKind.IsA or CheckKind.LikeA) || !IsComplete(site->target))
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
        if (p != a.Base || chunkSite == null || (chunkSite->flags & AllocsiteFlags.Lazy) == 0 || chunkSite->type == null)
            return false;
        if (site->kind is not (CheckKind.IsA or CheckKind.LikeA) || !IsComplete(site->target))
            return false;
        return a.Size >= site->target->size && site->target->size > chunkSite->type->size
            && TypeMatching.BeginsWith(site->target, chunkSite->type);
    }

    // A chunk whose site names only its head (lazily typed chunks, and sizes like sizeof(H) +
    // n * sizeof(E) + ... that measure more than the type) is known to hold one T at its base,
    // nothing more. A cast that fails beyond that first element lands in storage whose type nobody
    // declared: unknown, or typed by the cast (an inferred typing), not wrong. (Casts there that
    // match T[] still pass: an array of heads.) A lazy type is a cast's guess: in a chunk of any
    // other size than one T's, it spans the fixed part of T only, as an inferred typing does (a
    // trailing array is sized by the program, and a dummy bound may exceed the chunk).
    private static bool BeyondHead(StorageKind storage, in Allocation a, ulong offset)
    {
        if (!StorageKinds.IsChunk(storage))
            return false;   // a local's Site is its descriptor, no allocation site
        var chunkSite = (AllocSite*)a.Site;
        if (chunkSite == null || (chunkSite->flags & AllocsiteFlags.Head) == 0 || chunkSite->type == null)
            return false;
        return offset >= HeadSize(a, chunkSite);
    }

    // The bytes a head-typed chunk's site vouches for: its type's size; for a lazy type (a cast's guess) in a chunk of another
    // size than one T, what an inferred typing would span.
    private static ulong HeadSize(in Allocation a, AllocSite* chunkSite) =>
        (chunkSite->flags & AllocsiteFlags.Lazy) != 0 && a.Size != chunkSite->type->size
            ? Math.Max(InferredExtent(chunkSite->type, a.Size), 1) : chunkSite->type->size;

    private CacheFact? FactFor(CastSite* site, in Allocation a, StorageKind storage, FactShape shape)
    {
        if (!StorageKinds.MayCache(storage))
            return null;
        if ((StorageKinds.IsChunk(storage) || a.Inferred) && !memory.MarkFacts(a))
            return null;
        // Past a heap chunk's head, casts may have typed other objects: a fact for the head's array must not answer there.
        var chunkSite = (AllocSite*)a.Site;
        if (storage == StorageKind.Heap && !a.Inferred && chunkSite != null && (chunkSite->flags & AllocsiteFlags.Head) != 0
            && chunkSite->type != null)
        {
            var head = HeadSize(a, chunkSite);
            if (shape.Hi > head && memory.MayHoldTypings(a.Base + (nuint)head, a.Size - head))
                shape = shape.Lo < head ? shape with { Hi = head } : FactShape.Point(shape.Lo);
        }
        var key = site->target != null ? (nint)site->target : (nint)site;
        return new CacheFact(a.Base + (nuint)shape.Lo, a.Base + (nuint)shape.Hi, shape.Period, key,
            (uint)site->kind | site->degree << 8);
    }
}
