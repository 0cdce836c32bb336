// Heap metadata the program wrote over, as the writers print it.
namespace Liballocs.Checks.Reports;

/// <summary>
/// A check met a heap chunk whose metadata (the trailer after the bytes the program asked for) no longer matches its check
/// value: the program overflowed the chunk. Reported once per chunk; checks there answer "unknown storage" from then on.
/// <paramref name="Location"/> is the cast that met it, <paramref name="Pointer"/> the address it checked,
/// <paramref name="Offset"/> bytes from <paramref name="Chunk"/> (what malloc returned), whose
/// <paramref name="UsableBytes"/> lie before the metadata; <paramref name="AllocatedFrom"/> the malloc-family call's caller when
/// it survived (it is read from the same metadata), else null.
/// </summary>
public sealed record HeapDamageReport(
    SourceLocation Location,
    nuint Pointer,
    nuint Chunk,
    ulong Offset,
    ulong UsableBytes,
    StackFrame? AllocatedFrom,
    IReadOnlyList<StackFrame> Stack)
{
    /// <summary>The report kind.</summary>
    public const string Kind = "heap-metadata-overwritten";
}
