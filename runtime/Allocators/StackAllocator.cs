// The stack allocator: address-taken locals and parameters of instrumented functions.
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Locals and parameters of instrumented functions that the program can point to. allocscc
/// emits, beside each such variable, a record that the C layer links into a per-thread list
/// while the variable is in scope; this class searches the calling thread's list. Other threads'
/// locals are not visible (their stacks answer as plain mappings).
/// </summary>
/// <remarks>
/// Why records rather than DWARF: a frame's variables are only meaningful while their scope is
/// live, which DWARF alone cannot tell without unwinding every thread; the records are exact,
/// cost two stores per scope entry, and need no debug information.
/// </remarks>
public sealed unsafe class StackAllocator : Allocator
{
    private readonly UniqtypeRegistry types;

    /// <summary>Creates the "stack" allocator, carving up the stack mappings of <paramref name="parent"/>.</summary>
    public StackAllocator(UniqtypeRegistry types, Allocator parent) : base("stack", parent) => this.types = types;

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        for (var r = Shim.StackTop(); r != null; r = r->prev)
        {
            var start = (nuint)r->addr;
            if (address >= start && address - start < r->size)
            {
                allocation = ToAllocation(r);
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        var found = new List<Allocation>();
        for (var r = Shim.StackTop(); r != null; r = r->prev)
        {
            var start = (nuint)r->addr;
            if (start >= begin && start < end)
                found.Add(ToAllocation(r));
        }
        found.Sort((a, b) => a.Base.CompareTo(b.Base));
        return found.All(visit);
    }

    private Allocation ToAllocation(StackRecord* r)
    {
        var type = r->desc == null ? null : r->desc->type;
        // A VLA's descriptor says "array of unknown length"; the record knows its size.
        if (type != null && type->kind == UniqtypeConstants.KindArray && (type->flags & UniqtypeConstants.FlagUnknownLength) != 0
            && type->target != null && type->target->size is > 0 and not UniqtypeConstants.SizeUnknown)
            type = types.ArrayOf(type->target, r->size / type->target->size);
        return new Allocation(this, (nuint)r->addr, r->size, (nint)type, (nint)r->desc);
    }
}
