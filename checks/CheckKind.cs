// The check kinds: one table, mirroring LIBALLOCS_CHECK_KINDS in include/liballocs_checks.h.
namespace Liballocs.Checks;

/// <summary>enum __liballocs_check_kind: what a checked cast asks of the memory it points to.</summary>
public enum CheckKind : uint
{
    /// <summary><c>is_a(p, T)</c>: a subobject of type T starts at p.</summary>
    IsA = 0,
    /// <summary><c>like_a(p, T)</c>: a composite laid out like T starts at p.</summary>
    LikeA = 1,
    /// <summary><c>loosely_like_a(p, void *)</c>: a pointer of any pointee type starts at p.</summary>
    LooselyLikeA = 2,
    /// <summary><c>named_a(p, "foo")</c>: a struct/union/enum named foo starts at p.</summary>
    NamedA = 3,
    /// <summary><c>is_a_function_refining(p, F)</c>: p is a function whose type refines F.</summary>
    IsAFunctionRefining = 4,
    /// <summary><c>is_a_pointer_of_degree(p, d)</c>: a pointer of at least d levels starts at p.</summary>
    IsAPointerOfDegree = 5,
}

/// <summary>The check kinds' names (as in reports, JSON and suppressions), from one table.</summary>
public static class CheckKinds
{
    private static readonly (CheckKind Kind, string Name)[] Table =
    [
        (CheckKind.IsA, "is_a"),
        (CheckKind.LikeA, "like_a"),
        (CheckKind.LooselyLikeA, "loosely_like_a"),
        (CheckKind.NamedA, "named_a"),
        (CheckKind.IsAFunctionRefining, "is_a_function_refining"),
        (CheckKind.IsAPointerOfDegree, "is_a_pointer_of_degree"),
    ];

    /// <summary>Every kind with its name, in the table's order.</summary>
    public static IReadOnlyList<(CheckKind Kind, string Name)> All => Table;

    /// <summary>The name of <paramref name="kind"/>, e.g. "is_a"; "check_N" for a value no table row has.</summary>
    public static string NameOf(CheckKind kind)
    {
        foreach (var (k, name) in Table)
        {
            if (k == kind)
                return name;
        }
        return $"check_{(uint)kind}";
    }

    /// <summary>The kind named <paramref name="name"/>; false when there is none.</summary>
    public static bool TryParse(string name, out CheckKind kind)
    {
        foreach (var (k, n) in Table)
        {
            if (n == name)
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
