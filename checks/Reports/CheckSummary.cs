// The exit summary: counters and distinct reports.
namespace Liballocs.Checks.Reports;

/// <summary>One distinct report in the exit summary: where, which check, what was expected, how often.</summary>
public sealed record DistinctReport(SourceLocation Location, string Check, string ExpectedType, long Count);

/// <summary>How many checks met unknown storage for one cause ("no record", "mapping"...: UnknownCauses.NameOf).</summary>
public sealed record UnknownCauseCount(string Cause, long Count);

/// <summary>A cast site that met unknown storage: where, why the first time, how often.</summary>
public sealed record UnknownStorageSite(SourceLocation Location, string Cause, long Count);

/// <summary>The counters at exit and the distinct reports, for the summary; <paramref name="SuppressedReports"/>
/// are the distinct failures a suppression rule silenced (empty when none).</summary>
public sealed record CheckSummary(long ChecksBegun, long Passed, long PassedViaCache, long Failed, long UnknownStorage,
    long Suppressed, IReadOnlyList<DistinctReport> Reports, IReadOnlyList<DistinctReport> SuppressedReports)
{
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
