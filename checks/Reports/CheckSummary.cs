// The exit summary: counters and distinct reports.
namespace Liballocs.Checks.Reports;

/// <summary>One distinct report in the exit summary: where, which check, what was expected, how often.</summary>
/// <param name="Location">The cast site.</param>
/// <param name="Check">The check kind's name (<c>is_a</c>...).</param>
/// <param name="ExpectedType">The cast's target, as C spells it.</param>
/// <param name="Count">Failures of this kind so far.</param>
public sealed record DistinctReport(SourceLocation Location, string Check, string ExpectedType, long Count)
{
    /// <summary>What the failed check met: the report kind, the allocation's types and its site.</summary>
    public MetAllocation Allocation { get; init; } = MetAllocation.Unknown;
}

/// <summary>The allocation a failed check met, as its report names it.</summary>
/// <param name="Kind">The report kind: <c>bad-cast</c>, or <c>use-after-free</c> for a freed chunk.</param>
/// <param name="Type">The allocation's type as C spells it (<c>int[4]</c>); null when not known.</param>
/// <param name="ElementType">Its type with every array level taken off (<c>int</c>): the report's identity, since chunks of one
/// site differ in element count; null when not known.</param>
/// <param name="Site">Where it was allocated (a report's <c>allocation_site</c>); null when unknown.</param>
public sealed record MetAllocation(string Kind, string? Type, string? ElementType, SourceLocation? Site)
{
    /// <summary>Nothing known: a bad cast on an allocation of unknown type and site.</summary>
    public static MetAllocation Unknown { get; } = new(BadCastReport.Kind, null, null, null);
}

/// <summary>How many checks met unknown storage for one cause ("no record", "mapping"...: UnknownCauses.NameOf).</summary>
public sealed record UnknownCauseCount(string Cause, long Count);

/// <summary>A cast site that met unknown storage: where, why the first time, how often.</summary>
public sealed record UnknownStorageSite(SourceLocation Location, string Cause, long Count);

/// <summary>The counters at exit and the distinct reports, for the summary; <paramref name="SuppressedReports"/>
/// are the distinct failures a suppression rule silenced (empty when none).</summary>
public sealed record CheckSummary(long ChecksBegun, long Passed, long PassedViaCache, long Failed, long UnknownStorage,
    long Suppressed, IReadOnlyList<DistinctReport> Reports, IReadOnlyList<DistinctReport> SuppressedReports)
{
    /// <summary>The process's id (getpid, so a fork's child gives its own); 0 when not known.</summary>
    public int ProcessId { get; init; }

    /// <summary>The program's executable path; null when not known.</summary>
    public string? Program { get; init; }

    /// <summary>Heap chunks whose metadata checks found overwritten (each reported once).</summary>
    public long DamagedChunks { get; init; }

    /// <summary>The checks on unknown storage split by cause, causes that occurred only, in a fixed order.</summary>
    public IReadOnlyList<UnknownCauseCount> UnknownCauses { get; init; } = [];

    /// <summary>The cast sites that met unknown storage most often, most first (at most <see cref="TopUnknownSites"/>).</summary>
    public IReadOnlyList<UnknownStorageSite> UnknownSites { get; init; } = [];

    /// <summary>Inferred typings recorded: objects inside untyped heap memory that a cast typed (later casts there were checked
    /// against them, and a disagreeing one counted as unknown, "inferred type differs", and re-typed the memory).</summary>
    public long TypingsInferred { get; init; }

    /// <summary>How many cast sites <see cref="UnknownSites"/> names at most.</summary>
    public const int TopUnknownSites = 5;
}
