// The check kinds table, mirroring the C header's X-macro.
namespace Liballocs.Instrument.Checks;

/// <summary>
/// The one table of check kinds on the instrumenter's side, row for row the
/// <c>LIBALLOCS_CHECK_KINDS(X)</c> table of <c>liballocs_checks.h</c> (a test compares them).
/// </summary>
internal static class CheckKinds
{
    /// <summary>Every kind, in value order.</summary>
    public static readonly IReadOnlyList<CheckKindInfo> All =
    [
        new(CheckKind.IsA, "IS_A", "is_a"),
        new(CheckKind.LikeA, "LIKE_A", "like_a"),
        new(CheckKind.LooselyLikeA, "LOOSELY_LIKE_A", "loosely_like_a"),
        new(CheckKind.NamedA, "NAMED_A", "named_a"),
        new(CheckKind.IsAFunctionRefining, "IS_A_FUNCTION_REFINING", "is_a_function_refining"),
        new(CheckKind.IsAPointerOfDegree, "IS_A_POINTER_OF_DEGREE", "is_a_pointer_of_degree"),
    ];

    /// <summary>The row of <paramref name="kind"/>.</summary>
    public static CheckKindInfo Of(CheckKind kind) => All[(int)kind];

    /// <summary>The "like" struct tags checked with <c>like_a</c> unless <c>--allocscc-like-a</c> adds more.</summary>
    public static readonly IReadOnlyList<string> DefaultLikeTypes = ["sockaddr", "sockaddr_in", "sockaddr_in6", "sockaddr_un", "sockaddr_storage"];
}
