// The mmap and brk allocators: memory mappings, the parents of every other allocation.
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Memory;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Answers for whole mappings: "brk" owns the program break area ([heap]), "mmap" owns every other mapping (anonymous
/// memory, files, thread stacks, [stack]). Where the allocator beneath the C layer reports its heap's regions (glibc's
/// allocator built standalone), those answer first, exactly: what its morecore grew is brk's, each of its mappings is
/// mmap's, however the kernel merged them with their neighbours. Elsewhere /proc/self/maps answers; adjacent lines of
/// one mapped file are reported separately, as the kernel lists them.
/// </summary>
public sealed class MappingAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Mapping;

    private readonly ProcMaps maps;
    private readonly bool isBrk;

    /// <summary>Creates the "brk" allocator when <paramref name="isBrk"/>, else "mmap".</summary>
    public MappingAllocator(ProcMaps maps, bool isBrk) : base(isBrk ? "brk" : "mmap", null)
    {
        this.maps = maps;
        this.isBrk = isBrk;
    }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        var region = Shim.HeapRegionOf(address, out var start, out var length);
        if (region != HeapRegionKind.None)
        {
            if ((region == HeapRegionKind.Morecore) != isBrk)
                return false;
            allocation = new Allocation(this, start, (ulong)length, 0, 0);
            return true;
        }
        if (maps.Find(address) is not { } m || Owns(m) is false)
            return false;
        allocation = new Allocation(this, m.Start, m.Size, 0, 0);
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        foreach (var m in maps.All())
        {
            if (m.Start >= begin && m.Start < end && Owns(m) && !visit(new Allocation(this, m.Start, m.Size, 0, 0)))
                return false;
        }
        return true;
    }

    private bool Owns(Mapping m) => (m.Path == "[heap]") == isBrk;
}
