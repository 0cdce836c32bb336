// The subobjects of an allocation that start at a given offset, and the innermost one containing it.
using static Liballocs.Checks.Semantics.Uniqtypes;

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
        var collect = new CollectAll();
        Visit(root, 0, offset, allocationSize, [], ref collect, 0);
        return collect.Found;
    }

    /// <summary>What a search does with each subobject it reaches, outermost first; returning true stops it.</summary>
    public interface IVisitor
    {
        /// <summary>Takes subobject <paramref name="s"/>; true to stop the search.</summary>
        bool Take(in Subobject s);
    }

    /// <summary>
    /// The first subobject, outermost first, of an allocation of type <paramref name="root"/> and
    /// <paramref name="allocationSize"/> bytes that starts at <paramref name="offset"/> and that
    /// <paramref name="accept"/> accepts. The checks' hot path: it stops at the first match and
    /// allocates nothing (a struct filter, a per-thread scratch list).
    /// </summary>
    public static bool TryFirstStartingAt<TFilter>(Uniqtype* root, ulong allocationSize, ulong offset, TFilter accept, out Subobject found)
        where TFilter : struct, ISubobjectFilter
    {
        var first = new FirstAccepted<TFilter>(accept);
        var arrays = scratch ??= [];
        arrays.Clear();
        Visit(root, 0, offset, allocationSize, arrays, ref first, 0);
        found = first.Found;
        return first.Stopped;
    }

    /// <summary>Which subobjects a search accepts.</summary>
    public interface ISubobjectFilter
    {
        /// <summary>True when a subobject of type <paramref name="type"/> is wanted.</summary>
        bool Accepts(Uniqtype* type);
    }

    [ThreadStatic]
    private static List<ArrayStep>? scratch;

    private struct CollectAll : IVisitor
    {
        public CollectAll() => Found = [];

        public List<Subobject> Found { get; }

        public readonly bool Take(in Subobject s)
        {
            Found.Add(s);
            return false;
        }
    }

    private struct FirstAccepted<TFilter>(TFilter filter) : IVisitor where TFilter : struct, ISubobjectFilter
    {
        public Subobject Found;
        public bool Stopped;

        public bool Take(in Subobject s)
        {
            if (!filter.Accepts((Uniqtype*)s.Type))
                return false;
            Found = s;
            return Stopped = true;
        }
    }

    // Pre-order, so subobjects come outermost first; returns true when the visitor stopped it.
    private static bool Visit<TVisitor>(Uniqtype* t, ulong start, ulong offset, ulong allocationSize,
        List<ArrayStep> arrays, ref TVisitor visitor, int depth) where TVisitor : struct, IVisitor
    {
        if (t == null || depth > MaxDepth || offset < start)
            return false;
        if (start == offset && visitor.Take(new Subobject((nint)t, ShapeOf(arrays, offset, allocationSize))))
            return true;
        var rel = offset - start;
        if (t->kind == UniqtypeKind.Composite)
        {
            if ((t->flags & UniqtypeFlags.Incomplete) != 0 || t->members == null)
                return false;
            for (ulong i = 0; i < t->count; i++)
            {
                var m = &t->members[i];
                if (m->bit_size == 0 && MemberContains(m, rel)
                    && Visit(m->type, start + m->offset, offset, allocationSize, arrays, ref visitor, depth + 1))
                    return true;
            }
        }
        else if (t->kind == UniqtypeKind.Array && ElementAt(t, start, rel, allocationSize) is { } step)
        {
            arrays.Add(step);
            var stopped = Visit(t->target, start + step.Index * step.ElementSize, offset, allocationSize, arrays, ref visitor, depth + 1);
            arrays.RemoveAt(arrays.Count - 1);
            return stopped;
        }
        return false;
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
            if (t->kind == UniqtypeKind.Composite && (t->flags & UniqtypeFlags.Incomplete) == 0 && t->members != null)
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
            else if (t->kind == UniqtypeKind.Array && ElementAt(t, start, rel, allocationSize) is { } step)
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
