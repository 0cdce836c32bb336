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
    /// <summary>The report kind of every cast-check report.</summary>
    public const string Kind = "bad-cast";
}
