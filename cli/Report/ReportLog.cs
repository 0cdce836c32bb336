// Reads the JSON Lines report logs of any number of processes (checks/README.md, "Reports") and merges them into findings.
using System.Globalization;
using System.Text.Json;
using Liballocs.Checks.Reports;
using static Liballocs.Checks.Reports.ReportLogSchema;

namespace Liballocs.Cli.Report;

/// <summary>Input `liballocs report` cannot use at all (exit status 2): an unreadable path, a log of a newer format, a text log.</summary>
public sealed class ReportInputException(string message) : Exception(message);

/// <summary>
/// The report logs of a test suite merged: the totals of every process's exit summary, and one <see cref="Finding"/> per
/// distinct report (kind, check, cast site, types, allocation site) with its count over all processes.
/// A process that ended before its summary (killed, or exec'd over) still contributes its report lines, one failure each.
/// A line that is not a complete JSON object (a process killed mid-write) is skipped and named in <see cref="Problems"/>.
/// </summary>
public sealed class ReportLog
{
    /// <summary>The newest log format this reader understands: the one the runtime it was built with writes.</summary>
    public const int FormatVersion = JsonReportFormatter.FormatVersion;

    private readonly Dictionary<FindingKey, Finding> findings = [];
    private readonly List<string> problems = [];
    private readonly Dictionary<string, long> unknownCauses = new(StringComparer.Ordinal);
    private readonly Dictionary<SourcePlace, (string Cause, long Count)> unknownSites = [];
    private int processSerial;

    /// <summary>Log files read.</summary>
    public int Files { get; private set; }

    /// <summary>Processes whose summary was read.</summary>
    public int Processes { get; private set; }

    /// <summary>Processes that left report lines but no summary (killed, or exec'd over): their checks are not counted.</summary>
    public int ProcessesWithoutSummary { get; private set; }

    /// <summary>Checks begun in the processes with a summary (slow path and cache hits).</summary>
    public long Checks { get; private set; }

    /// <summary>Checks on memory with no type information.</summary>
    public long UnknownStorage { get; private set; }

    /// <summary>Checks the caches (inline, the C layer's points and reused verdicts) passed without the runtime, summed over
    /// the summaries.</summary>
    public long PassedViaCache { get; private set; }

    /// <summary>Checks on unknown storage by cause ("no record", "mapping"...), summed over processes.</summary>
    public IReadOnlyDictionary<string, long> UnknownCauses => unknownCauses;

    /// <summary>The cast sites that met unknown storage, most first, with the sum of the counts of the summaries that list them:
    /// a summary lists only its process's most frequent sites, so each sum is a lower bound. The cause is the one the first summary
    /// naming the site gave.</summary>
    public IReadOnlyList<(SourcePlace Cast, string Cause, long Count)> UnknownSites =>
        [.. unknownSites.Select(p => (p.Key, p.Value.Cause, p.Value.Count)).OrderByDescending(s => s.Count).ThenBy(s => s.Key.ToString(), StringComparer.Ordinal)];

    /// <summary>Lines skipped because they were not JSON objects of the contract.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>One message per skipped line, "FILE:LINE: why".</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>The findings, in the order first read.</summary>
    public IReadOnlyCollection<Finding> Findings => findings.Values;

    /// <summary>The fraction of checks whose pointer was in a typed allocation, 0 to 1; 1 when no check ran.</summary>
    public double TypedFraction => Checks == 0 ? 1 : (double)(Checks - UnknownStorage) / Checks;

    /// <summary>Reads every log <paramref name="paths"/> name (see <see cref="ReportInputs.Resolve"/>).</summary>
    /// <exception cref="ReportInputException">A path names nothing readable, or a log is of a newer format or not JSON.</exception>
    public static ReportLog Read(IEnumerable<string> paths)
    {
        var log = new ReportLog();
        foreach (var file in ReportInputs.Resolve(paths))
            log.AddFile(file);
        return log;
    }

    /// <summary>Reads one log file.</summary>
    /// <exception cref="ReportInputException">It cannot be read, or is of a newer format or not JSON Lines.</exception>
    public void AddFile(string file)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read {file}: {e.Message}");
        }
        Files++;
        Add(lines, file);
    }

    /// <summary>Adds the lines of one log file, named <paramref name="file"/> in messages: one process's, or several when a process
    /// exec'd another (same pid, same file); each summary closes one process's lines.</summary>
    /// <exception cref="ReportInputException">A line is of a newer format, or the first line is not JSON.</exception>
    public void Add(IReadOnlyList<string> lines, string file = "(log)")
    {
        var pending = new List<ReportLine>();
        var skipped = new List<string>();
        var objects = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                if (o.ValueKind != JsonValueKind.Object)
                    throw new FormatException("not a JSON object");
                objects++;
                CheckVersion(o, file, i + 1);
                switch (o.GetProperty(Fields.Kind).GetString())
                {
                    case Kinds.Summary:
                        AddSummary(o, pending);
                        pending.Clear();
                        break;
                    case BadCastReport.Kind or BadCastReport.UseAfterFreeKind:
                        pending.Add(ReportLineOf(o));
                        break;
                    case HeapDamageReport.Kind:
                        pending.Add(DamageLineOf(o));
                        break;
                    default:
                        break;   // notes, and kinds a newer runtime of the same format may add
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                skipped.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{file}:{i + 1}: skipped a line that is not a complete report ({FirstSentence(e.Message)})"));
            }
        }
        // A log of a crashed process may hold a corrupt line anywhere; one with no JSON object at all is not a JSON log.
        if (objects == 0 && skipped.Count > 0)
            throw new ReportInputException($"{file}: not a JSON Lines report log (was report_format=json set?): {skipped[0]}");
        MalformedLines += skipped.Count;
        problems.AddRange(skipped);
        if (pending.Count > 0)
            AddWithoutSummary(pending);
    }

    private static void CheckVersion(JsonElement o, string file, int line)
    {
        if (!o.TryGetProperty(Fields.FormatVersion, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version))
            throw new ReportInputException($"{file}:{line}: no format_version: the log was written by a liballocs older than "
                + $"format {FormatVersion}; run the tests again with this one");
        if (version > FormatVersion)
            throw new ReportInputException($"{file}:{line}: report log format {version} is newer than this liballocs reads "
                + $"({FormatVersion}); use the liballocs that wrote it");
    }

    // A bad-cast, use-after-free or heap-metadata-overwritten line: its key and the details a summary does not keep.
    private sealed record ReportLine(FindingKey Key, string? AllocationType, IReadOnlyList<SourcePlace> Stack, string? Actual, SourcePlace? FreedBy);

    private void AddSummary(JsonElement o, List<ReportLine> pending)
    {
        // Everything is read before anything is added: a malformed summary adds nothing.
        var checks = o.GetProperty(Fields.ChecksBegun).GetInt64();
        var unknown = o.GetProperty(Fields.UnknownStorage).GetInt64();
        var viaCache = o.GetProperty(Fields.PassedViaCache).GetInt64();
        var program = OptionalString(o, Fields.Program);
        var entries = new List<(FindingKey Key, string? Type, long Count, bool Suppressed)>();
        foreach (var r in o.GetProperty(Fields.Reports).EnumerateArray())
            entries.Add(SummaryEntryOf(ReadDistinctReport(r), false));
        if (o.TryGetProperty(Fields.SuppressedReports, out var s))
        {
            foreach (var r in s.EnumerateArray())
                entries.Add(SummaryEntryOf(ReadDistinctReport(r), true));
        }
        var causes = new List<(string, long)>();
        if (o.TryGetProperty(Fields.UnknownStorageCauses, out var c))
        {
            foreach (var cause in c.EnumerateObject())
                causes.Add((cause.Name, cause.Value.GetInt64()));
        }
        var sites = new List<(SourcePlace, string, long)>();
        if (o.TryGetProperty(Fields.UnknownStorageSites, out var u))
        {
            foreach (var site in u.EnumerateArray())
                sites.Add((PlaceOf(site.GetProperty(Fields.Location)), site.GetProperty(Fields.Cause).GetString() ?? "?",
                    site.GetProperty(Fields.Count).GetInt64()));
        }

        Processes++;
        Checks += checks;
        UnknownStorage += unknown;
        PassedViaCache += viaCache;
        foreach (var (cause, n) in causes)
            unknownCauses[cause] = unknownCauses.GetValueOrDefault(cause) + n;
        foreach (var (place, cause, n) in sites)
            unknownSites[place] = unknownSites.TryGetValue(place, out var known) ? (known.Cause, known.Count + n) : (cause, n);
        var process = NewProcessId();
        foreach (var (key, type, count, suppressed) in entries)
        {
            var finding = FindingOf(key);
            finding.Add(count, process, program, suppressed);
            finding.AllocationType ??= type;
            // This process's own report line for it, if written: its stack and details.
            var own = pending.FindIndex(l => l.Key == key);
            if (own >= 0)
            {
                Detail(finding, pending[own]);
                pending.RemoveAt(own);
            }
        }
        // Heap damage is counted by the summary in chunks, not listed: each line is one.
        foreach (var damage in pending.Where(l => l.Key.IsHeapDamage).ToList())
        {
            var finding = FindingOf(damage.Key);
            finding.Add(1, process, program);
            Detail(finding, damage);
            pending.Remove(damage);
        }
        // Lines left came from a process this one replaced by exec before its summary.
        if (pending.Count > 0)
            AddWithoutSummary(pending);
    }

    private void AddWithoutSummary(List<ReportLine> lines)
    {
        ProcessesWithoutSummary++;
        var process = NewProcessId();
        foreach (var l in lines)
        {
            var finding = FindingOf(l.Key);
            finding.Add(1, process, null);
            Detail(finding, l);
        }
    }

    private string NewProcessId() => (processSerial++).ToString(CultureInfo.InvariantCulture);

    private Finding FindingOf(FindingKey key)
    {
        if (!findings.TryGetValue(key, out var f))
            findings[key] = f = new Finding(key);
        return f;
    }

    private static void Detail(Finding f, ReportLine l)
    {
        if (f.Stack.Count > 0 || f.Actual is not null)
            return;   // the first report read stands for all
        f.AllocationType ??= l.AllocationType;
        f.Stack = l.Stack;
        f.Actual = l.Actual;
        f.FreedBy = l.FreedBy;
    }

    // A summary's distinct report as a finding's key, with its allocation type, count and whether it was suppressed.
    private static (FindingKey Key, string? Type, long Count, bool Suppressed) SummaryEntryOf(DistinctReport r, bool suppressed) =>
        (new FindingKey(r.Allocation.Kind, r.Check, PlaceOf(r.Location), r.ExpectedType, r.Allocation.ElementType, PlaceOf(r.Allocation.Site)),
            r.Allocation.Type, r.Count, suppressed);

    private static ReportLine ReportLineOf(JsonElement o)
    {
        var a = o.GetProperty(Fields.Actual);
        var key = new FindingKey(RequiredString(o, Fields.Kind), RequiredString(o, Fields.Check), PlaceOf(o.GetProperty(Fields.Location)),
            RequiredString(o, Fields.ExpectedType), OptionalString(a, Fields.AllocationElementType), OptionalPlace(o, Fields.AllocationSite));
        var type = OptionalString(a, Fields.AllocationType);
        var subobject = OptionalString(a, Fields.SubobjectType);
        var actual = string.Create(CultureInfo.InvariantCulture,
            $"{a.GetProperty(Fields.Offset).GetInt64()} bytes into a '{type}' {a.GetProperty(Fields.Allocator).GetString()} allocation of "
            + $"{a.GetProperty(Fields.AllocationSize).GetInt64()} bytes") + (subobject is null ? "" : $"; subobject at that offset: '{subobject}'");
        return new ReportLine(key, type, StackOf(o), actual, OptionalPlace(o, Fields.FreedBy));
    }

    private static ReportLine DamageLineOf(JsonElement o)
    {
        var key = new FindingKey(HeapDamageReport.Kind, "", PlaceOf(o.GetProperty(Fields.Location)), "", null, OptionalPlace(o, Fields.AllocatedBy));
        var actual = string.Create(CultureInfo.InvariantCulture,
            $"the size and type kept after the chunk's {o.GetProperty(Fields.UsableSize).GetInt64()} usable bytes were written over");
        return new ReportLine(key, null, StackOf(o), actual, null);
    }

    private static List<SourcePlace> StackOf(JsonElement o) =>
        o.TryGetProperty(Fields.Stack, out var s) ? [.. s.EnumerateArray().Select(PlaceOf)] : [];

    private static SourcePlace PlaceOf(JsonElement l) => PlaceOf(ReadLocation(l));

    private static SourcePlace? OptionalPlace(JsonElement o, string name) => PlaceOf(ReadOptionalLocation(o, name));

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(l))]
    private static SourcePlace? PlaceOf(SourceLocation? l) =>
        l is null ? null : new(l.File, (int)Math.Min(l.Line, int.MaxValue), (int)Math.Min(l.Column, int.MaxValue), l.Function);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
