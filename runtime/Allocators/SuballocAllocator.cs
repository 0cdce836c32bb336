// Suballocators: pools, arenas, obstacks, whose chunks allocscc records (__liballocs_suballoc_alloc).
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Chunks of configured suballocators, from the C layer's suballocator index: the innermost
/// allocations of the process, each inside some other allocation (a heap chunk, a static, a
/// local). A chunk's allocator is the instance its site names ("pool": an
/// <see cref="InstanceAllocator"/>), or this family allocator, "suballocator", for chunks without
/// one. A new instance's parent is the allocator of the allocation holding the first chunk it is
/// seen with (the hierarchy says which, through <c>holderOf</c>).
/// </summary>
public sealed unsafe class SuballocAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Suballocated;

    /// <summary>The family's name, and the allocator of chunks whose site names no instance.</summary>
    public const string FamilyName = "suballocator";

    private readonly UniqtypeRegistry types;
    private readonly AllocationSites sites;
    private readonly Func<nuint, Allocator?> holderOf;

    /// <summary>Creates the "suballocator" family; <paramref name="holderOf"/> answers the
    /// allocator of the allocation (other than a suballocated chunk) holding an address.</summary>
    public SuballocAllocator(UniqtypeRegistry types, AllocationSites sites, Func<nuint, Allocator?>? holderOf = null) : base(FamilyName, null)
    {
        this.types = types;
        this.sites = sites;
        this.holderOf = holderOf ?? (_ => null);
        Instances = new AllocatorInstances(this);
    }

    /// <summary>The suballocator instances seen so far ("pool"...).</summary>
    public AllocatorInstances Instances { get; }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        if (!Shim.SuballocLookup(address, out var chunk))
            return false;
        allocation = ToAllocation(chunk);
        return true;
    }

    /// <summary>The freed chunk containing <paramref name="address"/> whose memory no new chunk has reused yet, as it was
    /// allocated, with <see cref="Allocation.FreedBy"/> set; false when none.</summary>
    public bool TryGetFreed(nuint address, out Allocation freed)
    {
        freed = default;
        if (!Shim.SuballocLookupFreed(address, out var c) || c.free_caller == null)
            return false;
        freed = ToAllocation(c) with { FreedBy = (nuint)c.free_caller };
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        foreach (var c in Shim.SuballocChunksIn(begin, end))
        {
            if (!visit(ToAllocation(c)))
                return false;
        }
        return true;
    }

    private Allocation ToAllocation(SuballocChunk chunk)
    {
        var start = (nuint)chunk.@base;
        var site = sites.Validated(chunk.site);
        var allocator = Instances.For(site, start, holderOf);
        return new Allocation(allocator, start, chunk.size, (nint)ChunkTypes.Of(types, site, chunk.size), (nint)site);
    }
}
