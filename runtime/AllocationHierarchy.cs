// The allocator hierarchy of the process and the query every public API function asks.
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime;

/// <summary>
/// Every allocator of the process, innermost first, and the resolution of an address to the
/// chain of allocations containing it: level 0 is the innermost (a heap chunk, a local, an
/// argv array, a global), the last level the memory mapping holding it.
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
        var mmap = new MappingAllocator(Maps, isBrk: false);
        var brk = new MappingAllocator(Maps, isBrk: true);
        leaves =
        [
            new HeapAllocator(Types, brk),
            new StackAllocator(Types, mmap),
            new AuxvAllocator(Types, Maps, mmap),
            new StaticAllocator(Tus, Types, Maps, mmap),
        ];
        mappings = [brk, mmap];
        All = [.. leaves, .. mappings];
    }

    /// <summary>Every allocator, innermost kinds first.</summary>
    public IReadOnlyList<Allocator> All { get; }

    /// <summary>The process's mappings.</summary>
    public ProcMaps Maps { get; }

    /// <summary>Registered instrumented TUs.</summary>
    public TuMetadata Tus { get; }

    /// <summary>Uniqtypes by name.</summary>
    public UniqtypeRegistry Types { get; }

    /// <summary>
    /// The allocation <paramref name="level"/> levels above the innermost one containing
    /// <paramref name="address"/>. False when the address is in no known allocation (wild,
    /// unmapped, kernel) or the chain is shorter than that.
    /// </summary>
    public bool TryResolve(nuint address, uint level, out Allocation allocation)
    {
        allocation = default;
        var depth = 0u;
        foreach (var allocator in leaves)
        {
            if (allocator.TryGetInfo(address, out allocation))
            {
                if (level == depth)
                    return true;
                depth++;
                break;
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
}
