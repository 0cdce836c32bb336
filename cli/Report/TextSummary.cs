// The default output of `liballocs report`: for a person reading a CI log.
using System.Globalization;
using System.Text;

namespace Liballocs.Cli.Report;

/// <summary>
/// The findings as text, most frequent first: one block per finding (title, what was met, how often and where, the
/// representative stack), then the baseline's findings no longer seen, then one verdict line. Paths are relative to the source
/// root; warnings about the input go to stderr (<see cref="MergedReport.Warnings"/>), not here.
/// </summary>
public static class TextSummary
{
    /// <summary>The summary of <paramref name="r"/>, ending with a newline.</summary>
    public static string Format(MergedReport r)
    {
        var log = r.Log;
        var b = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        b.Append(inv, $"liballocs report: {log.Files} log file{S(log.Files)}, {log.Processes} process{Es(log.Processes)} with a summary");
        if (log.ProcessesWithoutSummary > 0)
            b.Append(inv, $" and {log.ProcessesWithoutSummary} without (killed or exec'd over)");
        b.Append(inv, $"; {log.Checks:N0} checks, {log.UnknownStorage:N0} on unknown storage");
        if (log.UnknownCauses.Count > 0)
            b.Append(" (").AppendJoin(", ", log.UnknownCauses.OrderByDescending(c => c.Value).Select(c => $"{c.Value:N0} {c.Key}")).Append(')');
        b.Append('\n');
        if (log.UnknownSites.Count > 0)
        {
            b.Append("casts meeting unknown storage most often (at least):\n");
            foreach (var (cast, cause, count) in log.UnknownSites.Take(UnknownSitesShown))
                b.Append(inv, $"    {count:N0}x {r.SourceRoot.Relative(cast)}{(cast.Function is { } fn ? $" in {fn}" : "")} ({cause})\n");
        }
        foreach (var f in r.Ordered)
        {
            var state = f.Suppression is { } why ? $" [{why}]" : f.Baseline == BaselineState.Unchanged ? " [in baseline]"
                : f.Baseline == BaselineState.New ? " [new]" : "";
            b.Append(inv, $"\n{f.Count}x {f.Title(r.SourceRoot)}{state}\n");
            if (f.Actual is { } actual)
                b.Append(inv, $"    {actual}\n");
            if (f.FreedBy is { } freed)
                b.Append(inv, $"    freed at {r.SourceRoot.Relative(freed)}\n");
            b.Append(inv, $"    in {f.Processes} process{Es(f.Processes)}");
            if (f.Programs.Count > 0)
                b.Append(": ").AppendJoin(", ", f.Programs);
            b.Append('\n');
            for (var i = 0; i < f.Stack.Count; i++)
                b.Append(inv, $"    #{i} {r.SourceRoot.Relative(f.Stack[i]).AsFrame}\n");
        }
        if (r.Disappeared is { Count: > 0 } gone)
        {
            b.Append(inv, $"\n{gone.Count} baseline finding{S(gone.Count)} no longer seen:\n");
            foreach (var g in gone)
                b.Append(inv, $"    {g.Description}\n");
        }
        var suppressed = r.Ordered.Count(f => f.Suppression is not null);
        var known = r.Ordered.Count(f => f.Suppression is null && f.Baseline == BaselineState.Unchanged);
        b.Append(inv, $"\n{r.Ordered.Count} finding{S(r.Ordered.Count)}: {r.Failing} failing, {suppressed} suppressed");
        if (r.Disappeared is not null)
            b.Append(inv, $", {known} in the baseline");
        b.Append('\n');
        return b.ToString();
    }

    /// <summary>How many of the cast sites that met unknown storage the summary lists.</summary>
    public const int UnknownSitesShown = 5;

    private static string S(int n) => n == 1 ? "" : "s";

    private static string Es(int n) => n == 1 ? "" : "es";
}
