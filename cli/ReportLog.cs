// What the JSON report logs of a program's runs add up to (checks/README.md, "Report formats").
using System.Text.Json;

namespace Liballocs.Cli;

/// <summary>One distinct report: the cast's place, the check and the expected type.</summary>
/// <param name="File">Source file of the cast, as compiled.</param>
/// <param name="Line">1-based line of the cast.</param>
/// <param name="Column">1-based column, 0 for casts in macros.</param>
/// <param name="Check">The check kind, e.g. <c>is_a</c>.</param>
/// <param name="ExpectedType">The cast's target, spelled as in C.</param>
public sealed record DistinctReport(string File, int Line, int Column, string Check, string ExpectedType)
{
    /// <summary>"file:line:col: check to 'T'", or "file:line:col: check" without an expected type.</summary>
    public override string ToString() => ExpectedType.Length == 0 ? $"{File}:{Line}:{Column}: {Check}" : $"{File}:{Line}:{Column}: {Check} to '{ExpectedType}'";
}

/// <summary>
/// The totals of every process's exit summary in a directory of JSON Lines report logs
/// (<c>log_path=DIR/report</c> writes <c>DIR/report.PID</c>), and the distinct reports across them.
/// A process that ended before its summary (killed, or exec'd over) still contributes its <c>bad-cast</c> and
/// <c>use-after-free</c> lines. A <c>heap-metadata-overwritten</c> report (a heap overflow a check met) is a distinct report of
/// its own, with check kind "heap-metadata-overwritten" and no expected type.
/// </summary>
public sealed class ReportLog
{
    private readonly Dictionary<DistinctReport, long> unexplained = [];
    private readonly Dictionary<DistinctReport, long> explained = [];

    /// <summary>Processes whose summary was read.</summary>
    public int Processes { get; private set; }

    /// <summary>Checks begun (slow path and cache hits).</summary>
    public long Checks { get; private set; }

    /// <summary>Checks on memory with no type information.</summary>
    public long UnknownStorage { get; private set; }

    /// <summary>Lines that were not JSON objects of the contract (a crash mid-write, other output).</summary>
    public int MalformedLines { get; private set; }

    /// <summary>Distinct reports no suppression rule explained, with how often each failed.</summary>
    public IReadOnlyDictionary<DistinctReport, long> Unexplained => unexplained;

    /// <summary>Distinct reports a rule of the program's known.supp matched (triaged in FINDINGS.md).</summary>
    public IReadOnlyDictionary<DistinctReport, long> Explained => explained;

    /// <summary>The fraction of checks whose pointer was in a typed allocation, 0 to 1; 1 when no check ran.</summary>
    public double TypedFraction => Checks == 0 ? 1 : (double)(Checks - UnknownStorage) / Checks;

    /// <summary>Reads every <c>report.*</c> file of <paramref name="directory"/>; an absent directory adds nothing.</summary>
    public static ReportLog Read(string directory)
    {
        var log = new ReportLog();
        if (!Directory.Exists(directory))
            return log;
        foreach (var file in Directory.EnumerateFiles(directory, "report.*").Order(StringComparer.Ordinal))
            log.Add(File.ReadLines(file));
        return log;
    }

    /// <summary>Adds the lines of one log file: one process's, or several when a process exec'd another
    /// (same pid, same file); each summary closes one process's lines.</summary>
    public void Add(IEnumerable<string> lines)
    {
        var pendingBadCasts = new List<DistinctReport>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                switch (o.GetProperty("kind").GetString())
                {
                    case "summary":
                        Processes++;
                        Checks += o.GetProperty("checks_begun").GetInt64();
                        UnknownStorage += o.GetProperty("unknown_storage").GetInt64();
                        var summarised = Count(unexplained, o.GetProperty("reports"));
                        if (o.TryGetProperty("suppressed_reports", out var s))
                            summarised.UnionWith(Count(explained, s));
                        // Its own reports are in the summary; others before it came from a process it replaced.
                        pendingBadCasts.RemoveAll(summarised.Contains);
                        break;
                    case "bad-cast" or "use-after-free":
                        pendingBadCasts.Add(ReportOf(o));
                        break;
                    case "heap-metadata-overwritten":
                        // Not in the summary's list of bad casts: counted once, as the cast that met it, never suppressed.
                        var damage = ReportAt(o.GetProperty("location"), "heap-metadata-overwritten", "");
                        unexplained[damage] = unexplained.GetValueOrDefault(damage) + 1;
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                MalformedLines++;
            }
        }
        // Reports of a process that ended without a summary (exec'd over, or killed).
        foreach (var r in pendingBadCasts)
            unexplained[r] = unexplained.GetValueOrDefault(r) + 1;
    }

    // Adds a summary's distinct reports to `into`; returns them.
    private static HashSet<DistinctReport> Count(Dictionary<DistinctReport, long> into, JsonElement reports)
    {
        var seen = new HashSet<DistinctReport>();
        foreach (var r in reports.EnumerateArray())
        {
            var key = ReportOf(r);
            into[key] = into.GetValueOrDefault(key) + r.GetProperty("count").GetInt64();
            seen.Add(key);
        }
        return seen;
    }

    private static DistinctReport ReportOf(JsonElement o) =>
        ReportAt(o.GetProperty("location"), o.GetProperty("check").GetString() ?? "?", o.GetProperty("expected_type").GetString() ?? "?");

    private static DistinctReport ReportAt(JsonElement location, string check, string expectedType) =>
        new(location.GetProperty("file").GetString() ?? "?", location.GetProperty("line").GetInt32(), location.GetProperty("column").GetInt32(),
            check, expectedType);
}
