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
    private readonly UniqtypeRegistry types;
    private readonly Func<nuint, Allocator?> self;   // the parent of wrapper instances, made once

    /// <summary>Creates the "malloc" allocator, carving up mappings owned by <paramref name="parent"/>.</summary>
    public HeapAllocator(UniqtypeRegistry types, Allocator parent) : base("malloc", parent)
    {
        this.types = types;
        Instances = new AllocatorInstances(this);
        self = _ => this;
    }

    /// <summary>The wrapper instances seen so far ("xmalloc"...), by name.</summary>
    public AllocatorInstances Instances { get; }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        if (!Shim.HeapLookup(address, out var chunk))
            return false;
        allocation = ToAllocation(chunk);
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        var chunks = new List<HeapChunk>();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(chunks);
        try
        {
            Shim.HeapWalk(begin, end, &Collect, (void*)System.Runtime.InteropServices.GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        foreach (var c in chunks)
        {
            if (!visit(ToAllocation(c)))
                return false;
        }
        return true;
    }

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int Collect(HeapChunk* chunk, void* arg)
    {
        var list = (List<HeapChunk>)System.Runtime.InteropServices.GCHandle.FromIntPtr((nint)arg).Target!;
        list.Add(*chunk);
        return 0;
    }

    private Allocation ToAllocation(HeapChunk chunk) =>
        new(Instances.For(chunk.site, (nuint)chunk.@base, self), (nuint)chunk.@base, chunk.size, (nint)TypeOf(chunk), (nint)chunk.site);

    /// <summary>The type of a chunk (see <see cref="ChunkTypes.Of"/>).</summary>
    public Uniqtype* TypeOf(HeapChunk chunk) => ChunkTypes.Of(types, chunk.site, chunk.size);
}
