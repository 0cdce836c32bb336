// The check kinds table, as generated from the C header's X-macro (Liballocs.Contract.CheckKindTable).
namespace Liballocs.Instrument.Checks;

/// <summary>
/// The check kinds on the instrumenter's side: the rows of <c>LIBALLOCS_CHECK_KINDS(X)</c> in
/// <c>contract/include/liballocs_checks.h</c>, as contract/Generator reads them.
/// </summary>
internal static class CheckKinds
{
    /// <summary>Every kind, in value order.</summary>
    public static readonly IReadOnlyList<CheckKindInfo> All =
        [.. CheckKindTable.Rows.OrderBy(r => r.Value).Select(r => new CheckKindInfo(r.Value, r.Name, r.Text))];

    /// <summary>The row of <paramref name="kind"/>.</summary>
    public static CheckKindInfo Of(CheckKind kind) => All.First(k => k.Kind == kind);

    /// <summary>The "like" struct tags checked with <c>like_a</c> unless <c>--allocscc-like-a</c> adds more.</summary>
    public static readonly IReadOnlyList<string> DefaultLikeTypes = ["sockaddr", "sockaddr_in", "sockaddr_in6", "sockaddr_un", "sockaddr_storage"];
}
