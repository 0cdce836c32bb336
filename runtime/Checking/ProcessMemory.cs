// The live memory model: the allocation hierarchy, and lazy typing through the C layer.
using System.Runtime.InteropServices;
using Liballocs.Runtime.Allocators;
using Liballocs.Checks.Semantics;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Checking;

/// <summary>
/// <see cref="IMemoryModel"/> over the process's <see cref="AllocationHierarchy"/>. Lazy typing
/// gives an untyped heap or suballocated chunk a synthetic allocation site made here (one per
/// original site, type and array-ness; they live as long as the process, since chunks point to
/// them). A synthetic site keeps the original's instance, so the chunk keeps its allocator.
/// </summary>
public sealed unsafe class ProcessMemory(AllocationHierarchy hierarchy) : IMemoryModel
{
    private readonly Lock gate = new();
    private readonly Dictionary<(nint Site, nint Type, bool Array), nint> syntheticSites = [];

    /// <inheritdoc/>
    public bool TryResolve(nuint address, out Allocation allocation) => hierarchy.TryResolve(address, 0, out allocation);

    /// <inheritdoc/>
    public bool TryTypeLazily(in Allocation chunk, Uniqtype* type, out Allocation typed)
    {
        typed = default;
        var suballocated = chunk.Allocator.Storage == StorageKind.Suballocated;
        var start = chunk.Base;
        lock (gate)
        {
            // Another thread may have typed it (or freed it) since we looked.
            AllocSite* site;
            ulong size;
            if (suballocated)
            {
                if (!Shim.SuballocLookup(start, out var c) || (nuint)c.@base != start)
                    return false;
                site = c.site;
                size = c.size;
            }
            else
            {
                if (!Shim.HeapLookup(start, out var c))
                    return false;
                site = hierarchy.Sites.Validated(c.site);   // the trailer may have been overwritten by the program
                var header = HeapAllocator.ObjectOffset(site, c.size);
                if ((nuint)c.@base + (nuint)header != start)
                    return false;
                size = c.size - header;
            }
            // Typed only as the caller saw it (untyped, or typed lazily by an earlier cast): a chunk another thread typed meanwhile
            // keeps that type.
            if ((nint)site == chunk.Site && (site == null || site->type == null || (site->flags & AllocsiteFlags.Lazy) != 0))
            {
                var isArray = type->size > 0 && size % type->size == 0 && size / type->size >= 2;
                var made = SyntheticSite(site, type, isArray);
                if (suballocated)
                    Shim.SuballocSetSite(start, made);
                else
                    Shim.HeapSetSite(start, made);   // the synthetic site keeps the original's header
            }
            return hierarchy.TryResolve(start, 0, out typed) && typed.Base == start && typed.Type != 0;
        }
    }

    /// <inheritdoc/>
    public TypingLookup FindInferred(in Allocation holder, nuint address, out Allocation typing)
    {
        typing = default;
        var rc = Shim.InferredLookup(address, out var c);
        if (rc == Shim.IndexBusy)
            return TypingLookup.Busy;
        if (rc == 0 && c.site != null && c.site->type != null)
            ObjectOf(ref c, c.site->type->size, address);
        // A typing outside the chunk belongs to memory the chunk no longer is (a record that raced a free).
        if (rc != 0 || c.site == null || c.site->type == null || !holder.Contains((nuint)c.@base)
            || c.size > holder.Size - (ulong)((nuint)c.@base - holder.Base))
            return TypingLookup.None;
        typing = new Allocation(holder.Allocator, (nuint)c.@base, c.size, (nint)c.site->type, (nint)c.site) { Inferred = true };
        return TypingLookup.Found;
    }

    // The typing of the object holding `address`, where the index's typing holds several whole objects of `elementSize` bytes: the
    // C layer joins adjacent typings of one site (inferred_index.c, add_joined), and checks see each object as its own typing, as
    // they were recorded (so does the C layer, check_slow.c, typing_object; the rule is heap_index.h's inferred_array_element).
    private static void ObjectOf(ref SuballocChunk typing, ulong elementSize, nuint address)
    {
        if (elementSize == 0 || elementSize == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN || typing.size <= elementSize
            || typing.size % elementSize != 0)
            return;
        var first = (nuint)typing.@base;
        typing.@base = (void*)(first + (nuint)((ulong)(address - first) / elementSize * elementSize));
        typing.size = elementSize;
    }

    /// <inheritdoc/>
    public bool MayHoldTypings(nuint address, ulong size) => Shim.InferredOverlaps(address, size) != 0;

    /// <inheritdoc/>
    public bool TryInfer(in Allocation holder, nuint at, Uniqtype* type, ulong extent, out Allocation typing, out bool replaced)
    {
        typing = default;
        AllocSite* site;
        lock (gate)
            site = SyntheticSite(null, type, false);
        var rc = Shim.InferredRecord(at, extent, site);
        replaced = rc == 1;
        if (rc < 0)
            return false;
        typing = new Allocation(holder.Allocator, at, extent, (nint)type, (nint)site) { Inferred = true };
        return true;
    }

    /// <inheritdoc/>
    public bool TryFindFreed(nuint address, bool inLiveAllocation, out Allocation freed)
    {
        freed = default;
        return (Shim.SuballocatorsUsed && hierarchy.Suballocators.TryGetFreed(address, out freed))
            || (!inLiveAllocation && hierarchy.Heap.TryGetFreed(address, out freed));
    }

    /// <inheritdoc/>
    public UnknownCause ClassifyMapping(in Allocation mapping, nuint address)
    {
        if (hierarchy.Maps.Find(address) is not { } m)
            return UnknownCause.Mapping;
        if (m.Path == "[stack]")
            return UnknownCause.NoRecord;
        if (m.Path.Length == 0 || m.Path.StartsWith('['))
            return UnknownCause.Mapping;
        // A file mapping: part of a loaded object (an uninstrumented one: an instrumented object's statics are typed), or a
        // file the program mapped. Decided once per mapping: dl_iterate_phdr costs microseconds.
        return fileMappings.GetOrAdd((m.Start, m.Path), _ =>
            Runtime.Elf.LoadedObjects.Enumerate().Exists(o => o.Contains(address)) ? UnknownCause.UninstrumentedObject : UnknownCause.Mapping);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(nuint Start, string Path), UnknownCause> fileMappings = new();

    /// <inheritdoc/>
    public bool MarkFacts(in Allocation chunk)
    {
        if (chunk.Inferred)
            return Shim.InferredMarkFacts(chunk.Base, chunk.Size, (AllocSite*)chunk.Site);
        if (chunk.Allocator.Storage == StorageKind.Suballocated)
        {
            if (!Shim.Installed)
                return false;
            Shim.SuballocMarkFacts(chunk.Base);
            return true;
        }
        if (!Shim.Installed)
            return false;
        Shim.HeapMarkFacts(chunk.Base);
        return true;
    }

    // Called under `gate`.
    private AllocSite* SyntheticSite(AllocSite* original, Uniqtype* type, bool isArray)
    {
        var key = ((nint)original, (nint)type, isArray);
        if (syntheticSites.TryGetValue(key, out var made))
            return (AllocSite*)made;
        var site = (AllocSite*)NativeMemory.AllocZeroed((nuint)sizeof(AllocSite));
        if (original != null)
            *site = *original;
        site->type = type;
        // Set through the object's address, like a wrapper caller's site: not an inner site (whose address is the chunk's base).
        site->flags = (isArray ? site->flags | AllocsiteFlags.Array : site->flags & ~AllocsiteFlags.Array) & ~AllocsiteFlags.Inner
            | AllocsiteFlags.Lazy | AllocsiteFlags.Head;
        syntheticSites[key] = (nint)site;
        hierarchy.Sites.AddSynthetic(site);
        return site;
    }
}
