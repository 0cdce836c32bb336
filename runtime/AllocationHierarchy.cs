// The allocator hierarchy of the process and the query every public API function asks.
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Dwarf;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime;

/// <summary>
/// Every allocator of the process, innermost first, and the resolution of an address to the
/// chain of allocations containing it: level 0 is the innermost (a suballocated chunk, a heap
/// chunk, a local, an argv array, a global), each further level the allocation of the next
/// allocator (in that order) holding the address, the last level the memory mapping holding it.
/// A pool chunk inside a malloc'd block answers pool chunk, heap chunk, mapping.
/// </summary>
public sealed class AllocationHierarchy
{
    private readonly Allocator[] leaves;
    private readonly Allocator[] mappings;

    /// <summary>Builds the hierarchy over the C layer's indexes and the process's mappings.</summary>
    public AllocationHierarchy()
    {
        Maps = new ProcMaps();
        Tus = new TuMetadata();
        Types = new UniqtypeRegistry(Tus);
        Sites = new AllocationSites(Tus);
        var mmap = new MappingAllocator(Maps, isBrk: false);
        var brk = new MappingAllocator(Maps, isBrk: true);
        Heap = new HeapAllocator(Types, Sites, brk);
        Suballocators = new SuballocAllocator(Types, Sites, HolderOf);
        var dwarf = new DwarfTypes(Types);
        leaves =
        [
            Suballocators,
            Heap,
            new StackAllocator(Types, Maps, dwarf, mmap),
            new AuxvAllocator(Types, Maps, mmap),
            new StaticAllocator(Tus, Types, Maps, dwarf, mmap),
        ];
        mappings = [brk, mmap];
        All = [.. leaves, .. mappings];
    }

    /// <summary>The allocation sites the runtime may dereference.</summary>
    public AllocationSites Sites { get; }

    /// <summary>Every allocator of the hierarchy's levels, innermost kinds first (instances such
    /// as "xmalloc" or "pool" are made later, as their families meet them).</summary>
    public IReadOnlyList<Allocator> All { get; }

    /// <summary>The malloc family.</summary>
    public HeapAllocator Heap { get; }

    /// <summary>The suballocators' family.</summary>
    public SuballocAllocator Suballocators { get; }

    /// <summary>The process's mappings.</summary>
    public ProcMaps Maps { get; }

    /// <summary>Registered instrumented TUs.</summary>
    public TuMetadata Tus { get; }

    /// <summary>Uniqtypes by name.</summary>
    public UniqtypeRegistry Types { get; }

    /// <summary>
    /// The allocation <paramref name="level"/> levels above the innermost one containing
    /// <paramref name="address"/>: level k is the allocation of the k-th allocator, innermost
    /// first (suballocators, heap, stack, auxv, static), that has one containing the address;
    /// after them comes the mapping. False when the address is in no known allocation (wild,
    /// unmapped, kernel) or the chain is shorter than that.
    /// </summary>
    public bool TryResolve(nuint address, uint level, out Allocation allocation)
    {
        var depth = 0u;
        foreach (var allocator in leaves)
        {
            if (allocator.TryGetInfo(address, out allocation))
            {
                if (level == depth)
                    return true;
                depth++;
            }
        }
        foreach (var allocator in mappings)
        {
            if (allocator.TryGetInfo(address, out allocation))
                return level == depth;
        }
        allocation = default;
        return false;
    }

    // The allocator of the allocation holding address, suballocated chunks aside.
    private Allocator? HolderOf(nuint address)
    {
        foreach (var allocator in leaves.Skip(1).Concat(mappings))
        {
            if (allocator.TryGetInfo(address, out var a))
                return a.Allocator;
        }
        return null;
    }
}
