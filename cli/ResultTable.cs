// The table of real programs, as Markdown (readable as text, pasteable into notes).
using System.Globalization;
using System.Text;

namespace Liballocs.Cli;

/// <summary>Formats <see cref="ProgramResult"/>s as a Markdown table with one row per program,
/// then the unexplained reports, each on a line of its own.</summary>
public static class ResultTable
{
    /// <summary>The table; columns: program, the source package version built, build (ok, FAILED, or "no sources"
    /// when they could not be downloaded), tests passed/run, checks executed, the share of checks on
    /// typed allocations and on unknown storage, distinct unexplained and explained reports, wall time of the
    /// whole script, wall time of the tests, and that time over the plain build's (when compared).</summary>
    public static string Format(IReadOnlyList<ProgramResult> results)
    {
        var b = new StringBuilder();
        b.AppendLine("| program | version | build | tests passed | checks | typed | unknown storage | unexplained reports | explained reports | time | test time | vs cc |");
        b.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var run = r.TestsPassed + r.TestsFailed;
            b.Append(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.SourceVersion ?? "-"} | {Status(r)} | {r.TestsPassed}/{run} | {r.Reports.Log.Checks:N0} | {Percent(r.Reports.Log.TypedFraction)} | ");
            b.Append(CultureInfo.InvariantCulture,
                $"{Percent(1 - r.Reports.Log.TypedFraction)} | {r.Reports.Failing} | {r.Reports.Ordered.Count - r.Reports.Failing} | {r.Elapsed.TotalSeconds:F0} s | ");
            b.Append(CultureInfo.InvariantCulture,
                $"{(r.TestSeconds is double t ? $"{t:F2} s" : "-")} | {(r.Slowdown is double x ? $"{x:F2}x" : "-")} |\n");
        }
        var total = results.Sum(r => r.Reports.Log.Checks);
        var unknown = results.Sum(r => r.Reports.Log.UnknownStorage);
        b.Append(CultureInfo.InvariantCulture,
            $"\n{results.Count(r => r.Succeeded)} of {results.Count} programs built, passed their tests and left no unexplained report; ");
        b.Append(CultureInfo.InvariantCulture,
            $"{total:N0} checks, {Percent(total == 0 ? 1 : (double)(total - unknown) / total)} on typed allocations.\n");
        foreach (var r in results.Where(r => r.FetchFailed))
            b.Append(CultureInfo.InvariantCulture, $"\n{r.Name}: {r.FetchError}\n");
        foreach (var r in results.Where(r => r.Reports.Failing > 0))
        {
            b.Append(CultureInfo.InvariantCulture, $"\nunexplained reports of {r.Name}:\n");
            foreach (var f in r.Reports.Ordered.Where(f => f.Fails))
                b.Append(CultureInfo.InvariantCulture, $"  {f.Title(r.Reports.SourceRoot)} ({f.Count}x)\n");
        }
        return b.ToString();
    }

    /// <summary>The closing line: programs that passed and failed, and among the failed those whose sources
    /// could not be obtained (a fault of the machine, not of the checker), e.g.
    /// <c>real programs: 4 passed, 2 failed (2 could not obtain sources: jq, zlib)</c>.</summary>
    public static string ClosingLine(IReadOnlyList<ProgramResult> results)
    {
        var line = $"real programs: {results.Count(r => r.Succeeded)} passed, {results.Count(r => !r.Succeeded)} failed";
        var unfetched = results.Where(r => r.FetchFailed).Select(r => r.Name).ToList();
        return unfetched.Count == 0 ? line : $"{line} ({unfetched.Count} could not obtain sources: {string.Join(", ", unfetched)})";
    }

    private static string Status(ProgramResult r) => r.FetchFailed ? "no sources" : r.Built ? "ok" : "FAILED";

    private static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
