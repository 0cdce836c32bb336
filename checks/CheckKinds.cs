// The check kinds' names: the rows of LIBALLOCS_CHECK_KINDS in include/liballocs_checks.h, as contract/Generator reads them
// (CheckKind and CheckKindTable of Liballocs.Contract).
namespace Liballocs.Checks;

/// <summary>The check kinds' names (as in reports, JSON and suppressions), from one table.</summary>
public static class CheckKinds
{
    private static readonly (CheckKind Kind, string Name)[] Table = [.. CheckKindTable.Rows.Select(r => (r.Value, r.Text))];

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
