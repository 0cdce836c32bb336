// The auxv allocator: what the kernel placed at the top of the initial stack.
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// The argument vector, the environment vector, the auxiliary vector and the strings they point
/// to, as the kernel laid them out above main's stack. Anything else between argv and the top of
/// the [stack] mapping (the executable's name, AT_RANDOM bytes, padding) answers as one untyped
/// allocation.
/// </summary>
public sealed unsafe class AuxvAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Auxv;

    private readonly UniqtypeRegistry types;
    private readonly ProcMaps maps;
    private readonly Lazy<List<Allocation>> allocations;
    private readonly Lazy<Allocation?> whole;

    /// <summary>Creates the "auxv" allocator inside the [stack] mapping owned by <paramref name="parent"/>.</summary>
    public AuxvAllocator(UniqtypeRegistry types, ProcMaps maps, Allocator parent) : base("auxv", parent)
    {
        this.types = types;
        this.maps = maps;
        allocations = new(Build);
        whole = new(BuildWhole);
    }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        if (whole.Value is not { } area || !area.Contains(address))
            return false;
        foreach (var a in allocations.Value)
        {
            if (a.Contains(address))
            {
                allocation = a;
                return true;
            }
        }
        allocation = area;
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit) =>
        allocations.Value.Where(a => a.Base >= begin && a.Base < end).All(visit);

    private Allocation? BuildWhole()
    {
        var s = Shim.InitialStack();
        if (s.argv == null || maps.Find((nuint)s.argv) is not { } stack)
            return null;
        return new Allocation(this, (nuint)s.argv, stack.End - (nuint)s.argv, 0, 0);
    }

    private List<Allocation> Build()
    {
        var s = Shim.InitialStack();
        var result = new List<Allocation>();
        if (s.argv == null)
            return result;
        var stringPointer = types.PointerTo(types.Char);
        result.Add(ArrayAt(s.argv, stringPointer, (ulong)s.argc + 1));
        if (s.envp != null)
            result.Add(ArrayAt(s.envp, stringPointer, s.envc + 1));
        if (s.auxv != null)
            result.Add(ArrayAt(s.auxv, types.Base("uint$64", 8, 0), s.auxv_pairs * 2));
        for (var i = 0; i < s.argc; i++)
            AddString(result, s.argv[i]);
        for (ulong i = 0; s.envp != null && i < s.envc; i++)
            AddString(result, s.envp[i]);
        result.Sort((a, b) => a.Base.CompareTo(b.Base));
        return result;
    }

    private Allocation ArrayAt(void* start, Uniqtype* element, ulong count) =>
        new(this, (nuint)start, count * element->size, (nint)types.ArrayOf(element, count), 0);

    private void AddString(List<Allocation> into, byte* s)
    {
        if (s == null)
            return;
        var length = (ulong)System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s).Length + 1;
        into.Add(new Allocation(this, (nuint)s, length, (nint)types.ArrayOf(types.Char, length), 0));
    }
}
