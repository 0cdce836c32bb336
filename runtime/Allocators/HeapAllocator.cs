// The malloc allocator: chunks of the libc heap, indexed by the C layer's interposers.
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Heap chunks from the malloc family (including malloc calls made inside libc). The index is
/// the C layer's; this class turns a chunk's allocation site into the allocation's type and
/// allocator: "malloc", or the wrapper instance the site names ("xmalloc": an
/// <see cref="InstanceAllocator"/> whose parent is this one).
/// </summary>
public sealed unsafe class HeapAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Heap;

    private readonly UniqtypeRegistry types;
    private readonly AllocationSites sites;
    private readonly Func<nuint, Allocator?> self;   // the parent of wrapper instances, made once

    /// <summary>Creates the "malloc" allocator, carving up mappings owned by <paramref name="parent"/>.</summary>
    public HeapAllocator(UniqtypeRegistry types, AllocationSites sites, Allocator parent) : base("malloc", parent)
    {
        this.types = types;
        this.sites = sites;
        Instances = new AllocatorInstances(this);
        self = _ => this;
    }

    /// <summary>The wrapper instances seen so far ("xmalloc"...), by name.</summary>
    public AllocatorInstances Instances { get; }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        switch (Shim.HeapLookupStatus(address, out var chunk))
        {
            case 0:
                allocation = ToAllocation(chunk, address);
                return true;
            case -2:
                var @base = (nuint)chunk.@base;
                allocation = new(Instances.For(null, @base, self), @base, chunk.size, 0, 0)
                {
                    Caller = (nuint)chunk.alloc_caller,
                    HeapChunk = @base,
                    HeapChunkSize = chunk.size,
                    MetadataDamaged = true,
                };
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        foreach (var c in Shim.HeapChunksIn(begin, end))
        {
            if (!visit(ToAllocation(c, (nuint)c.@base + (nuint)ObjectOffset(sites.Validated(c.site), c.size))))
                return false;
        }
        return true;
    }

    /// <summary>The freed chunk containing <paramref name="address"/> that waits in the quarantine (not yet reused), as it was
    /// allocated, with <see cref="Allocation.FreedBy"/> set; false when none.</summary>
    public bool TryGetFreed(nuint address, out Allocation freed)
    {
        freed = default;
        if (!Shim.HeapLookupFreed(address, out var c) || c.free_caller == null)
            return false;
        freed = ToAllocation(c, address) with { FreedBy = (nuint)c.free_caller };
        return true;
    }

    /// <summary>
    /// The allocation <paramref name="address"/> lies in, within <paramref name="chunk"/>. A chunk of a wrapper that keeps a header
    /// (its site's <c>header</c>) is the object after the header, typed by the site; an address in the header itself lies in the whole
    /// chunk, untyped (the wrapper's bookkeeping, which no site describes).
    /// </summary>
    private Allocation ToAllocation(HeapChunk chunk, nuint address)
    {
        var site = sites.Validated(chunk.site);   // the trailer may have been overwritten by the program
        var @base = (nuint)chunk.@base;
        var header = ObjectOffset(site, chunk.size);
        var inHeader = address < @base + (nuint)header;
        var start = inHeader ? @base : @base + (nuint)header;
        var size = inHeader ? chunk.size : chunk.size - header;
        return new(Instances.For(site, @base, self), start, size, inHeader ? 0 : (nint)ChunkTypes.Of(types, site, size), (nint)site)
        {
            Caller = (nuint)chunk.alloc_caller,
            HeapChunk = @base,
            HeapChunkSize = chunk.size,
        };
    }

    /// <summary>Bytes from a chunk's start to its object: the site's header, when the chunk is big enough to hold one.</summary>
    public static ulong ObjectOffset(AllocSite* site, ulong chunkSize) =>
        site != null && site->header < chunkSize ? site->header : 0;
}
