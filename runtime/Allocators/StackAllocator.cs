// The stack allocator: address-taken locals and parameters of instrumented functions.
using Liballocs.Runtime.Dwarf;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Locals and parameters of instrumented functions that the program can point to. allocscc
/// emits, in each function with such variables, an array of records that the C layer links into
/// a per-thread list for the life of the frame; each declaration activates its record, so a local
/// stays typed at its address until its function returns, also after its block ended (the latest
/// activation wins where the compiler reuses a slot). The calling thread's records are searched
/// first, then, for an address in an anonymous mapping (where thread stacks live), every other
/// live thread's. An address of the calling thread's stack that no record covers is in a frame found by unwinding (code not
/// built by allocscc): the local or parameter its DWARF places there at the frame's code address, else the frame, untyped.
/// </summary>
/// <remarks>
/// Why records rather than DWARF: they are exact, cost a few stores per frame and declaration,
/// and need no debug information or unwinding of other threads.
/// </remarks>
public sealed unsafe class StackAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Stack;

    private readonly UniqtypeRegistry types;
    private readonly ProcMaps maps;
    private readonly DwarfTypes dwarf;

    /// <summary>Creates the "stack" allocator, carving up the stack mappings of <paramref name="parent"/>
    /// (found in <paramref name="maps"/> when the address is another thread's); frames without records are typed by
    /// <paramref name="dwarf"/>.</summary>
    public StackAllocator(UniqtypeRegistry types, ProcMaps maps, DwarfTypes dwarf, Allocator parent) : base("stack", parent)
    {
        this.types = types;
        this.maps = maps;
        this.dwarf = dwarf;
    }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        var answer = Shim.StackFind(address, 0, 0, out var record);
        if (answer == 0 && !ProcMaps.NeverMapped(address) && maps.Find(address) is Mapping m && m.Readable
            && (m.Path.Length == 0 || m.Path == "[stack]"))
        {
            answer = Shim.StackFind(address, m.Start, m.End, out record);
            // No record: a frame of code not built by allocscc, when it is one of this thread's: the local its DWARF places
            // there, else the frame, untyped.
            if (answer == 0 && Shim.StackFrameOf(address) is { } frame)
            {
                allocation = dwarf.LocalAt(address, frame.Ip, frame.Base + frame.Size, frame.Base) is { } local
                    ? new Allocation(this, local.Base, local.Size, local.Type, 0)
                    : new Allocation(this, frame.Base, frame.Size, 0, 0);
                return true;
            }
        }
        if (answer != 1)
            return false;
        allocation = ToAllocation(&record);
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        // The calling thread's active records; where two share a slot, the latest activation.
        var found = new Dictionary<nuint, (ulong Stamp, Allocation Allocation)>();
        for (var r = Shim.StackTop(); r != null; r = r->prev)
        {
            var start = (nuint)r->addr;
            if (r->desc != null && start >= begin && start < end
                && (!found.TryGetValue(start, out var seen) || r->stamp > seen.Stamp))
                found[start] = (r->stamp, ToAllocation(r));
        }
        return found.Values.Select(v => v.Allocation).OrderBy(a => a.Base).All(visit);
    }

    private Allocation ToAllocation(StackRecord* r)
    {
        var type = r->desc == null ? null : r->desc->type;
        // A VLA's descriptor says "array of unknown length"; the record knows its size.
        if (type != null && type->kind == UniqtypeKind.Array && (type->flags & UniqtypeFlags.UnknownLength) != 0
            && type->target != null && type->target->size is > 0 and not UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN)
            type = types.ArrayOf(type->target, r->size / type->target->size);
        return new Allocation(this, (nuint)r->addr, r->size, (nint)type, (nint)r->desc)
        {
            ScopeEnded = (r->flags & (ulong)StackFlags.ScopeEnded) != 0,
        };
    }
}
