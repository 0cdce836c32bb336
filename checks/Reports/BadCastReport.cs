// A bad cast as the writers print it: everything spelled out, nothing left to look up.
namespace Liballocs.Checks.Reports;

/// <summary>
/// A failed cast check, ready to print: the cast site, the check, the pointer and the type the
/// cast expects, and the allocation actually found there (storage word: "heap", "stack",
/// "static", "auxv"; allocator name for JSON; C spellings of types).
/// </summary>
public sealed record BadCastReport(
    SourceLocation Location,
    string Check,
    nuint Pointer,
    string ExpectedType,
    string Storage,
    string Allocator,
    string AllocationType,
    ulong AllocationSize,
    ulong Offset,
    string? SubobjectType,
    Provenance Provenance,
    IReadOnlyList<StackFrame> Stack,
    int Count)
{
    /// <summary>The report kind of a cast check that failed on live memory.</summary>
    public const string Kind = "bad-cast";

    /// <summary>The report kind of a cast check on a freed chunk waiting in the quarantine.</summary>
    public const string UseAfterFreeKind = "use-after-free";

    /// <summary>The allocation's type with every array level taken off (see <see cref="ReportBuilder.RootElement"/>).</summary>
    public string? AllocationElementType { get; init; }

    /// <summary>For a cast into freed memory: where it was freed (the free call's caller, symbolised); else null.</summary>
    public StackFrame? FreedBy { get; init; }

    /// <summary>This report's kind: <see cref="UseAfterFreeKind"/> when <see cref="FreedBy"/> is set, else <see cref="Kind"/>.</summary>
    public string KindName => FreedBy is null ? Kind : UseAfterFreeKind;
}
