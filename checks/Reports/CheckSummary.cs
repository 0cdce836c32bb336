// The exit summary: counters and distinct reports.
namespace Liballocs.Checks.Reports;

/// <summary>One distinct report in the exit summary: where, which check, what was expected, how often.</summary>
public sealed record DistinctReport(SourceLocation Location, string Check, string ExpectedType, long Count);

/// <summary>The counters at exit and the distinct reports, for the summary; <paramref name="SuppressedReports"/>
/// are the distinct failures a suppression rule silenced (empty when none).</summary>
public sealed record CheckSummary(long ChecksBegun, long Passed, long PassedViaCache, long Failed, long UnknownStorage,
    long Suppressed, IReadOnlyList<DistinctReport> Reports, IReadOnlyList<DistinctReport> SuppressedReports);
