// Where an allocation came from, for the provenance line of a report.
namespace Liballocs.Checks.Reports;

/// <summary>How the allocation came to be, for the provenance line.</summary>
public enum ProvenanceKind
{
    /// <summary>No provenance line (e.g. auxv).</summary>
    None,
    /// <summary>A heap (or suballocated) chunk from a known allocation site.</summary>
    HeapSite,
    /// <summary>A heap (or suballocated) chunk whose allocation site is unknown.</summary>
    HeapUnknownSite,
    /// <summary>A heap chunk no instrumented site claimed, known by the caller of the allocation function.</summary>
    HeapCaller,
    /// <summary>A local variable or parameter.</summary>
    Local,
    /// <summary>A global, static or function.</summary>
    Static,
}

/// <summary>Where the allocation came from: the allocator function (heap, suballocators), the variable or
/// symbol name (locals, statics), and the source location (heap sites, locals).</summary>
public sealed record Provenance(ProvenanceKind Kind, string? Allocator, string? Name, SourceLocation? Where)
{
    /// <summary>For a local whose block has ended while its frame lives on: the block's closing brace; else null.</summary>
    public SourceLocation? ScopeEndedAt { get; init; }

    /// <summary>For <see cref="ProvenanceKind.HeapCaller"/>: the symbolised caller of the allocation function.</summary>
    public StackFrame? Caller { get; init; }

    /// <summary>No provenance.</summary>
    public static Provenance None { get; } = new(ProvenanceKind.None, null, null, null);
}
