// When one type may stand for another: C11 6.5p7, like_a's layout correspondence, function refinement.
using static Liballocs.Checks.Semantics.Uniqtypes;

namespace Liballocs.Checks.Semantics;

/// <summary>Type relations the checks are defined by. Pure functions over uniqtypes.</summary>
public static unsafe class TypeMatching
{
    /// <summary>
    /// One type: the same uniqtype, or uniqtypes of the same name (a type that lost the
    /// weak-symbol race across objects exists at two addresses).
    /// </summary>
    public static bool Same(Uniqtype* a, Uniqtype* b) => a == b || (a != null && b != null && NamesEqual(a->name, b->name));

    /// <summary>
    /// An object of type <paramref name="actual"/> may be accessed as <paramref name="expected"/>
    /// (C11 6.5p7): the same type, or its signed/unsigned counterpart.
    /// </summary>
    public static bool Matches(Uniqtype* actual, Uniqtype* expected)
    {
        if (actual == null || expected == null)
            return false;
        return Same(actual, expected)
            || (actual->related != null && Same(actual->related, expected))
            || (expected->related != null && Same(actual, expected->related));
    }

    /// <summary>
    /// An object of type <paramref name="actual"/> viewed as the union <paramref name="expected"/> of which it is a member (C11
    /// 6.5p7's aggregate or union clause, as Lua's <c>obj2gco</c> uses it): one of the union's arms, or an arm of a union arm, at any
    /// depth, matches it. Struct members are not searched: every object sharing a common first member would otherwise pass as any
    /// union holding another such object.
    /// </summary>
    public static bool IsArmOf(Uniqtype* actual, Uniqtype* expected) =>
        actual != null && IsUnion(expected) && HasArm(expected, actual, depth: 0);

    /// <summary>
    /// Whether an object of type <paramref name="outer"/> begins with one of type <paramref name="prefix"/>: its first member (the
    /// member at offset 0 of a struct, the first element of an array), at any depth, matches <paramref name="prefix"/>. A type does
    /// not begin with itself.
    /// </summary>
    public static bool BeginsWith(Uniqtype* outer, Uniqtype* prefix)
    {
        var t = outer;
        for (int depth = 0; depth <= MaxNesting && t != null; depth++)
        {
            if (IsComposite(t) && !IsUnion(t) && t->members != null && t->count > 0 && t->members[0].offset == 0 && t->members[0].bit_size == 0)
                t = t->members[0].type;
            else if (t->kind == UniqtypeKind.Array && t->target != null)
                t = t->target;
            else
                return false;
            if (Matches(t, prefix))
                return true;
        }
        return false;
    }

    private const int MaxNesting = 16;   // malformed (cyclic) metadata must not recurse forever

    private static bool HasArm(Uniqtype* union, Uniqtype* actual, int depth)
    {
        if (depth > MaxNesting || union->members == null)
            return false;
        for (ulong i = 0; i < union->count; i++)
        {
            var m = &union->members[i];
            if (m->bit_size != 0)
                continue;
            if (Matches(m->type, actual) || (IsUnion(m->type) && HasArm(m->type, actual, depth + 1)))
                return true;
        }
        return false;
    }

    /// <summary>
    /// like_a: <paramref name="actual"/>'s members correspond with <paramref name="like"/>'s by
    /// offset and matching type up to the smaller of the two sizes, where a character-array
    /// member on either side may overlay anything.
    /// </summary>
    public static bool IsLike(Uniqtype* actual, Uniqtype* like)
    {
        if (Matches(actual, like))
            return true;
        if (!IsComposite(actual) || !IsComposite(like))
            return false;
        var limit = Math.Min(SizeOf(actual) ?? ulong.MaxValue, SizeOf(like) ?? ulong.MaxValue);
        return Corresponds(like, actual, limit) && Corresponds(actual, like, limit);
    }

    // Every member of `from` below `limit` has a counterpart in `to`, or overlays / is overlaid by characters.
    private static bool Corresponds(Uniqtype* from, Uniqtype* to, ulong limit)
    {
        if (from->members == null || to->members == null)
            return from->count == 0;   // malformed metadata: never dereference a null table
        for (ulong i = 0; i < from->count; i++)
        {
            var m = &from->members[i];
            if (m->offset >= limit || IsCharacterArray(m->type))
                continue;
            if (!HasCounterpart(m, to, limit))
                return false;
        }
        return true;
    }

    private static bool HasCounterpart(UniqtypeMember* m, Uniqtype* other, ulong limit)
    {
        var end = Math.Min(m->offset + (SizeOf(m->type) ?? 1), limit);
        for (ulong j = 0; j < other->count; j++)
        {
            var o = &other->members[j];
            if (o->offset == m->offset && o->bit_offset == m->bit_offset && o->bit_size == m->bit_size
                && Matches(o->type, m->type))
                return true;
            if (IsCharacterArray(o->type) && o->offset <= m->offset
                && (IsUnknownLengthArray(o->type) || o->offset + o->type->size >= end))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A function of type <paramref name="function"/> may be called through a pointer to
    /// <paramref name="expected"/> (as libcrunch): same number of parameters (both variadic or
    /// neither), the return types match (or <paramref name="expected"/> returns void), and each
    /// expected parameter type matches the function's, a <c>void *</c> parameter of the function
    /// accepting any pointer. An unprototyped side (<c>int f()</c>) leaves parameters unchecked.
    /// </summary>
    public static bool Refines(Uniqtype* function, Uniqtype* expected)
    {
        if (function == null || function->kind != UniqtypeKind.Subprogram)
            return false;
        if (expected == null)
            return true;
        if (expected->kind == UniqtypeKind.Address && expected->target != null && expected->target->kind == UniqtypeKind.Subprogram)
            expected = expected->target;
        if (expected->kind != UniqtypeKind.Subprogram)
            return false;
        if (Same(function, expected))
            return true;
        if (!(expected->target == null || IsVoid(expected->target) || Matches(function->target, expected->target)))
            return false;
        if (((function->flags | expected->flags) & UniqtypeFlags.NoPrototype) != 0)
            return true;
        if (function->count != expected->count || (function->flags & UniqtypeFlags.Variadic) != (expected->flags & UniqtypeFlags.Variadic))
            return false;
        if (function->members == null || expected->members == null)
            return true;   // parameters not described: nothing to hold against the function
        for (ulong i = 0; i < function->count; i++)
        {
            var have = function->members[i].type;
            var want = expected->members[i].type;
            if (!Matches(have, want) && !(IsVoidPointer(have) && IsPointer(want)))
                return false;
        }
        return true;
    }

    /// <summary>
    /// is_a_pointer_of_degree: <paramref name="u"/> is a pointer with at least
    /// <paramref name="degree"/> levels of indirection, a <c>void *</c> at the innermost level
    /// counting as "any pointer" (so it satisfies any degree).
    /// </summary>
    public static bool IsPointerOfDegree(Uniqtype* u, uint degree)
    {
        if (degree == 0)
            return u != null;
        uint levels = 0;
        var t = u;
        while (IsPointer(t))
        {
            if (++levels >= degree)
                return true;
            t = t->target;
        }
        return levels >= 1 && IsVoid(t);
    }
}
