// The malloc allocator: chunks of the libc heap, indexed by the C layer's interposers.
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Heap chunks from the malloc family (including malloc calls made inside libc). The index is
/// the C layer's; this class turns a chunk's allocation site into the allocation's type.
/// </summary>
public sealed unsafe class HeapAllocator : Allocator
{
    private readonly UniqtypeRegistry types;

    /// <summary>Creates the "malloc" allocator, carving up mappings owned by <paramref name="parent"/>.</summary>
    public HeapAllocator(UniqtypeRegistry types, Allocator parent) : base("malloc", parent) => this.types = types;

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
        new(this, (nuint)chunk.@base, chunk.size, (nint)TypeOf(chunk), (nint)chunk.site);

    /// <summary>
    /// The type of a chunk: its site's element type T; an array of size / sizeof(T) elements
    /// when the site allocates arrays or the chunk holds several T; T itself when the chunk holds
    /// exactly one, or when T ends in a flexible array member (the chunk is one T whose trailing
    /// array extends to its end). Null when the site is unknown or untyped, or an array site's
    /// size is not a whole number of elements.
    /// </summary>
    public Uniqtype* TypeOf(HeapChunk chunk)
    {
        var site = chunk.site;
        if (site == null || site->type == null)
            return null;
        var element = site->type;
        var elementSize = element->size;
        if (elementSize == 0 || elementSize == UniqtypeConstants.SizeUnknown || chunk.size == elementSize)
            return element;
        var isArray = (site->flags & AllocSite.FlagArray) != 0;
        if (!isArray && (EndsInFlexibleArray(element) || chunk.size % elementSize != 0))
            return element;
        if (chunk.size % elementSize != 0)
            return null;
        return types.ArrayOf(element, chunk.size / elementSize);
    }

    private static bool EndsInFlexibleArray(Uniqtype* t)
    {
        if (t->kind != UniqtypeConstants.KindComposite || (t->flags & UniqtypeConstants.FlagUnion) != 0
            || t->count == 0 || t->members == null)
            return false;
        var last = t->members[t->count - 1].type;
        return last != null && last->kind == UniqtypeConstants.KindArray
            && ((last->flags & UniqtypeConstants.FlagUnknownLength) != 0 || last->count == 0);
    }
}
