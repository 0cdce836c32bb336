// The subobjects of an allocation that start at a given offset, and the innermost one containing it.
using Liballocs.Runtime.Interop;
using static Liballocs.Checks.Semantics.Uniqtypes;
using static Liballocs.Runtime.Interop.UniqtypeConstants;

namespace Liballocs.Checks.Semantics;

/// <summary>
/// Searches an allocation's type for subobjects. The allocation itself, struct members at any
/// depth, every arm of a union and array elements at any depth are subobjects; bit-fields are not
/// (no pointer points to one). Arrays of unknown length (flexible array members, T[]) extend as
/// far as whole elements fit in the allocation.
/// </summary>
public static unsafe class SubobjectSearch
{
    private const int MaxDepth = 64;

    private readonly record struct ArrayStep(ulong Start, ulong ElementSize, ulong Count, ulong Index);

    /// <summary>
    /// Every subobject of an allocation of type <paramref name="root"/> and
    /// <paramref name="allocationSize"/> bytes that starts at <paramref name="offset"/>,
    /// outermost first.
    /// </summary>
    public static List<Subobject> StartingAt(Uniqtype* root, ulong allocationSize, ulong offset)
    {
        var found = new List<Subobject>();
        Visit(root, 0, offset, allocationSize, [], found, 0);
        return found;
    }

    private static void Visit(Uniqtype* t, ulong start, ulong offset, ulong allocationSize,
        List<ArrayStep> arrays, List<Subobject> found, int depth)
    {
        if (t == null || depth > MaxDepth || offset < start)
            return;
        if (start == offset)
            found.Add(new Subobject((nint)t, ShapeOf(arrays, offset, allocationSize)));
        var rel = offset - start;
        if (t->kind == KindComposite)
        {
            if ((t->flags & FlagIncomplete) != 0 || t->members == null)
                return;
            for (ulong i = 0; i < t->count; i++)
            {
                var m = &t->members[i];
                if (m->bit_size == 0 && MemberContains(m, rel))
                    Visit(m->type, start + m->offset, offset, allocationSize, arrays, found, depth + 1);
            }
        }
        else if (t->kind == KindArray && ElementAt(t, start, rel, allocationSize) is { } step)
        {
            arrays.Add(step);
            Visit(t->target, start + step.Index * step.ElementSize, offset, allocationSize, arrays, found, depth + 1);
            arrays.RemoveAt(arrays.Count - 1);
        }
    }

    // A member contains `rel` when it starts there or `rel` falls inside its bytes.
    private static bool MemberContains(UniqtypeMember* m, ulong rel)
    {
        if (rel < m->offset)
            return false;
        if (rel == m->offset)
            return true;
        var size = SizeOf(m->type);
        return size is { } s ? rel - m->offset < s : IsUnknownLengthArray(m->type);
    }

    // The element of array `t` (at `start`) containing `rel`, or null when there is none.
    private static ArrayStep? ElementAt(Uniqtype* t, ulong start, ulong rel, ulong allocationSize)
    {
        var elementSize = SizeOf(t->target);
        if (elementSize is not { } es || es == 0)
            return null;
        var index = rel / es;
        ulong count;
        if (IsUnknownLengthArray(t))
        {
            // Whole elements inside the allocation.
            count = allocationSize > start ? (allocationSize - start) / es : 0;
        }
        else
        {
            count = t->count;
        }
        return index < count ? new ArrayStep(start, es, count, index) : null;
    }

    // The fact shape of a subobject found at `offset` through `arrays` (outermost first): the
    // innermost array's elements, merged with each enclosing array whose element it fills exactly.
    private static FactShape ShapeOf(List<ArrayStep> arrays, ulong offset, ulong allocationSize)
    {
        if (arrays.Count == 0)
            return FactShape.Point(offset);
        var inner = arrays[^1];
        var start = inner.Start;
        var elementSize = inner.ElementSize;
        var count = inner.Count;
        var rel = offset - (inner.Start + inner.Index * inner.ElementSize);
        for (var j = arrays.Count - 2; j >= 0; j--)
        {
            var outer = arrays[j];
            var outerElementStart = outer.Start + outer.Index * outer.ElementSize;
            if (start != outerElementStart || count * elementSize != outer.ElementSize)
                break;
            start = outer.Start;
            count *= outer.Count;
        }
        var lo = start + rel;
        var hi = Math.Min(start + count * elementSize, allocationSize);
        return hi > lo ? new FactShape(lo, hi, elementSize) : FactShape.Point(offset);
    }

    /// <summary>
    /// The innermost proper subobject of an allocation of type <paramref name="root"/> whose
    /// bytes contain <paramref name="offset"/> (the first member or union arm when several do);
    /// null when no member or element does (padding, or a scalar allocation).
    /// </summary>
    public static Uniqtype* InnermostContaining(Uniqtype* root, ulong allocationSize, ulong offset)
    {
        Uniqtype* result = null;
        var t = root;
        ulong start = 0;
        for (var depth = 0; t != null && depth <= MaxDepth; depth++)
        {
            var rel = offset - start;
            Uniqtype* next = null;
            ulong nextStart = 0;
            if (t->kind == KindComposite && (t->flags & FlagIncomplete) == 0 && t->members != null)
            {
                for (ulong i = 0; i < t->count && next == null; i++)
                {
                    var m = &t->members[i];
                    var size = SizeOf(m->type);
                    var contains = rel >= m->offset
                        && (size is { } s ? rel - m->offset < s : IsUnknownLengthArray(m->type));
                    if (contains)
                    {
                        next = m->type;
                        nextStart = start + m->offset;
                    }
                }
            }
            else if (t->kind == KindArray && ElementAt(t, start, rel, allocationSize) is { } step)
            {
                next = t->target;
                nextStart = start + step.Index * step.ElementSize;
            }
            if (next == null)
                break;
            result = next;
            t = next;
            start = nextStart;
        }
        return result;
    }
}
