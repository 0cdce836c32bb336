// Uniqtypes spelled as C spells their types: int, struct square, int[4], char *, int (*)(int).
using System.Text;

namespace Liballocs.Checks.Reports;

/// <summary>C spellings of uniqtypes, for reports and suppressions.</summary>
public static unsafe class CSpelling
{
    private const int MaxDepth = 32;

    private static readonly Dictionary<string, string> BaseNames = new(StringComparer.Ordinal)
    {
        ["int$32"] = "int",
        ["uint$32"] = "unsigned int",
        ["int$64"] = "long",
        ["uint$64"] = "unsigned long",
        ["int$16"] = "short",
        ["uint$16"] = "unsigned short",
        ["signed_char$8"] = "char",
        ["unsigned_char$8"] = "unsigned char",
        ["bool$8"] = "_Bool",
        ["float$32"] = "float",
        ["float$64"] = "double",
        ["float$128"] = "long double",
        ["int$128"] = "__int128",
        ["uint$128"] = "unsigned __int128",
        ["complex$64"] = "_Complex float",
        ["complex$128"] = "_Complex double",
        ["complex$256"] = "_Complex long double",
    };

    /// <summary>The C spelling of <paramref name="u"/>; "(unknown type)" for null.</summary>
    public static string Of(Uniqtype* u) => u == null ? "(unknown type)" : Declare(u, "", 0);

    /// <summary>The C spelling of a pointer to <paramref name="u"/> (e.g. "struct foo *").</summary>
    public static string PointerTo(Uniqtype* u) => u == null ? "void *" : Declare(u, PointerDeclarator(u, ""), 0);

    // The declaration of `inner` (a declarator, possibly empty) as having type `u`.
    private static string Declare(Uniqtype* u, string inner, int depth)
    {
        if (u == null)
            return Join("void", inner);
        if (depth > MaxDepth)
            return Join("...", inner);
        switch (u->kind)
        {
            case UniqtypeKind.Address:
                if (u->target == null)
                    return Join(PointeeFromName(u), PointerDeclarator(null, inner));
                return Declare(u->target, PointerDeclarator(u->target, inner), depth + 1);
            case UniqtypeKind.Array:
                var length = (u->flags & UniqtypeFlags.UnknownLength) != 0 ? "[]" : $"[{u->count}]";
                return Declare(u->target, inner + length, depth + 1);
            case UniqtypeKind.Subprogram:
                return Declare(u->target, inner + Parameters(u, depth), depth + 1);
            default:
                return Join(NameOf(u), inner);
        }
    }

    private static string PointerDeclarator(Uniqtype* pointee, string inner) =>
        pointee != null && pointee->kind is UniqtypeKind.Array or UniqtypeKind.Subprogram ? $"(*{inner})" : "*" + inner;

    private static string Parameters(Uniqtype* f, int depth)
    {
        if ((f->flags & UniqtypeFlags.NoPrototype) != 0)
            return "()";
        var variadic = (f->flags & UniqtypeFlags.Variadic) != 0;
        if (f->count == 0)
            return variadic ? "(...)" : "(void)";
        var b = new StringBuilder("(");
        for (ulong i = 0; i < f->count; i++)
        {
            if (i > 0)
                b.Append(", ");
            b.Append(f->members == null ? "?" : Declare(f->members[i].type, "", depth + 1));
        }
        if (variadic)
            b.Append(", ...");
        return b.Append(')').ToString();
    }

    // "int" + "*" = "int *"; "int" + "[4]" = "int[4]"; "int" + "(*)(int)" = "int (*)(int)".
    private static string Join(string specifier, string declarator) =>
        declarator.Length == 0 ? specifier : declarator[0] == '[' ? specifier + declarator : specifier + " " + declarator;

    private static string NameOf(Uniqtype* u)
    {
        var name = NativeReading.NameOf(u);
        switch (u->kind)
        {
            case UniqtypeKind.Void:
                return "void";
            case UniqtypeKind.Base:
                return BaseNames.TryGetValue(name, out var c) ? c : name;
            case UniqtypeKind.Enumeration:
                return "enum " + Tag(name);
            case UniqtypeKind.Composite:
                return ((u->flags & UniqtypeFlags.Union) != 0 ? "union " : "struct ") + Tag(name);
            default:
                return name;
        }
    }

    // allocscc names anonymous structs, unions and enums after where they are: __ANON_t_c_6_3.
    private static string Tag(string name) => name.StartsWith("__ANON_", StringComparison.Ordinal) ? "(anonymous)" : name;

    // A pointer whose pointee no TU defines keeps only its name: __PTR_opaque.
    private static string PointeeFromName(Uniqtype* pointer)
    {
        var name = NativeReading.NameOf(pointer);
        return name.StartsWith("__PTR_", StringComparison.Ordinal) ? name["__PTR_".Length..] : "void";
    }
}
