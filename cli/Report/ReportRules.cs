// The kinds of finding `liballocs report` emits, as SARIF rules.
using Liballocs.Checks.Reports;

namespace Liballocs.Cli.Report;

/// <summary>One kind of finding: a stable id, and texts for people reading it in a code-scanning view.</summary>
/// <param name="Id">The SARIF <c>ruleId</c>; never changes once published.</param>
/// <param name="Name">A PascalCase name (SARIF <c>name</c>).</param>
/// <param name="Short">One sentence.</param>
/// <param name="Full">What the check found wrong.</param>
/// <param name="Help">What to do about it.</param>
public sealed record ReportRule(string Id, string Name, string Short, string Full, string Help);

/// <summary>The rules: one per check kind for bad casts, one for use after free, one for overwritten heap metadata.</summary>
public static class ReportRules
{
    private const string SuppressHelp = " A report triaged as benign is silenced by a suppression rule (cast:FILE:LINE, type:..., "
        + "function:...) given to the program (LIBALLOCS_OPTIONS=suppressions=FILE) or to liballocs report --suppressions.";

    /// <summary>Every rule, in a fixed order (SARIF <c>ruleIndex</c> is the position here).</summary>
    public static IReadOnlyList<ReportRule> All { get; } =
    [
        new("bad-cast/is_a", "BadCastIsA", "A pointer cast names a type the memory does not hold.",
            "A cast to T * was checked with is_a: no subobject of type T starts at the address. The allocation there holds another type, "
            + "at the offset given; reading or writing it as T is type confusion.",
            "Cast to the type the allocation holds (see the allocation site), or to a struct that begins with it; if the memory is "
            + "meant to be reinterpreted, copy it with memcpy instead of casting the pointer." + SuppressHelp),
        new("bad-cast/like_a", "BadCastLikeA", "A pointer cast names a struct the memory is not laid out like.",
            "A cast was checked with like_a: the memory does not hold a composite whose members line up with T's.",
            "Cast to the struct the allocation holds, or make both structs share their leading members." + SuppressHelp),
        new("bad-cast/loosely_like_a", "BadCastLooselyLikeA", "A cast to a pointer-to-pointer meets memory that holds no pointer.",
            "A cast to T ** (or void **) was checked with loosely_like_a: no pointer of any pointee type starts at the address.",
            "Cast to a pointer to the type the memory holds." + SuppressHelp),
        new("bad-cast/named_a", "BadCastNamedA", "A cast to an incomplete struct meets memory of another struct.",
            "A cast to a struct known only by its tag was checked with named_a: no struct, union or enum of that name starts at the address.",
            "Cast to the struct the allocation holds; two different structs sharing one tag in different files are taken for one." + SuppressHelp),
        new("bad-cast/is_a_function_refining", "BadCastFunctionPointer", "A function pointer cast names a signature the function does not have.",
            "A cast to a function pointer type was checked: the address is not a function whose type refines the one cast to, "
            + "so a call through it may pass or return the wrong types.",
            "Cast to the function's real type, or call it through a wrapper of the expected signature." + SuppressHelp),
        new("bad-cast/is_a_pointer_of_degree", "BadCastPointerDegree", "A cast to a multi-level pointer meets memory without that many levels.",
            "A cast was checked with is_a_pointer_of_degree: no pointer of at least that many levels of indirection starts at the address.",
            "Cast to a pointer type with as many levels as the memory holds." + SuppressHelp),
        new(BadCastReport.UseAfterFreeKind, "UseAfterFree", "A pointer into freed memory is cast.",
            "A cast met a heap or pool chunk that was freed (it waits in the quarantine, or its suballocator has not reused it): "
            + "the pointer outlived its allocation.",
            "See where the chunk was freed (freed by) and where the pointer was kept; clear or update it at the free." + SuppressHelp),
        new(HeapDamageReport.Kind, "HeapMetadataOverwritten", "A heap chunk's bookkeeping after its data was written over.",
            "A check met a heap chunk whose size and type, kept after the bytes the program asked for, were overwritten: "
            + "the chunk's data most likely overflowed. Checks in that chunk answer unknown storage from then on.",
            "Find the write past the end of the chunk allocated at the site named (AddressSanitizer pinpoints it)."),
    ];

    /// <summary>The index in <see cref="All"/> of the rule <paramref name="k"/> falls under; -1 for a check kind this table lacks
    /// (a newer runtime's), whose results then carry their rule id alone.</summary>
    public static int IndexOf(FindingKey k)
    {
        var id = IdOf(k);
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Id == id)
                return i;
        }
        return -1;
    }

    /// <summary>The rule id of <paramref name="k"/>: <c>bad-cast/CHECK</c>, <c>use-after-free</c> or <c>heap-metadata-overwritten</c>.</summary>
    public static string IdOf(FindingKey k) => k.Kind == BadCastReport.Kind ? $"{BadCastReport.Kind}/{k.Check}" : k.Kind;
}
