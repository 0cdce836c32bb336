// One allocation as an allocator reports it.
namespace Liballocs.Model;

/// <summary>
/// One allocation: <see cref="Base"/> is its first byte, <see cref="Size"/> its size in bytes,
/// <see cref="Type"/> a <c>struct uniqtype *</c> (0 when unknown) and <see cref="Site"/> an
/// allocation site (a <c>struct __liballocs_allocsite *</c> for instrumented heap sites, else 0).
/// </summary>
public readonly record struct Allocation(Allocator Allocator, nuint Base, ulong Size, nint Type, nint Site)
{
    /// <summary>For a local: its block has ended while its frame lives on (the checker still types its storage by the
    /// declaration, the latest one at that address); false for everything else.</summary>
    public bool ScopeEnded { get; init; }

    /// <summary>For a heap chunk: the return address of the malloc-family call that allocated it (its provenance when
    /// no instrumented site claimed it); 0 when unknown.</summary>
    public nuint Caller { get; init; }

    /// <summary>For a heap chunk: the program overwrote its metadata (the trailer after its bytes no longer matches its check
    /// value), so its size and type are lost: <see cref="Size"/> is the usable bytes before the metadata, <see cref="Type"/> and
    /// <see cref="Site"/> are 0, and <see cref="Caller"/> is as read (it may be damaged too); false for everything else.</summary>
    public bool MetadataDamaged { get; init; }

    /// <summary>For a freed heap chunk waiting in the quarantine: the return address of the free that freed it, or
    /// <see cref="FreedByOverwritten"/>; 0 for every live allocation.</summary>
    public nuint FreedBy { get; init; }

    /// <summary><see cref="FreedBy"/> of a freed chunk whose record of its free the program wrote over after the free (the
    /// record lives in the chunk's first bytes; shim_api.h, LIBALLOCS_FREE_CALLER_OVERWRITTEN): freed, by an unknown call.</summary>
    public const nuint FreedByOverwritten = 1;

    /// <summary>The type was guessed from the bytes, not recorded: a string literal read as the NUL-terminated run of text
    /// around the address in read-only data, which may as well be a wide string or other constant data. A check that fails
    /// against a guessed type proves nothing and answers unknown.</summary>
    public bool TypeGuessed { get; init; }

    /// <summary>Not an allocation but an inferred typing: an object the checker placed inside untyped heap memory (an
    /// untyped chunk, or past the head its site names) at a cast's address, typed by that cast. <see cref="Allocator"/> is
    /// the heap chunk's; the typing lives in the C layer's index of inferred typings (inferred_index.c).</summary>
    public bool Inferred { get; init; }

    /// <summary>For a live or quarantined heap chunk's allocation: the chunk's base as the heap index keeps it (what malloc
    /// returned; it differs from <see cref="Base"/> by a wrapper's header); 0 for every other allocation.</summary>
    public nuint HeapChunk { get; init; }

    /// <summary>With <see cref="HeapChunk"/>: the chunk's requested size in bytes (the header included).</summary>
    public ulong HeapChunkSize { get; init; }

    /// <summary>True when <paramref name="address"/> lies in [Base, Base + Size), or is Base of an
    /// allocation of size 0 (e.g. a function whose symbol has no size).</summary>
    public bool Contains(nuint address) =>
        address == Base || (address > Base && (ulong)(address - Base) < Size);
}
