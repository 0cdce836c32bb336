// The differential test: random programs with type-correct casts, built plain and checked, must behave the same.
using System.Text.Json;
using Liballocs.Checks.Reports;

namespace Liballocs.Cli;

/// <summary>What one generated program did plain and checked: whether the outputs agree, the checked run's reports and
/// totals, and what went wrong (empty when nothing did).</summary>
public sealed record DifferentialResult(int Seed, bool SameOutput, int Reports, long Checks, long UnknownStorage, IReadOnlyList<string> Problems)
{
    /// <summary>The same output, no report, checks run, nothing else wrong.</summary>
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Builds each <see cref="CastProgramGenerator"/> program twice, with <c>gcc -O1</c> and with allocscc at the same flags, runs
/// both, and compares: the plain build's stdout must equal the checked build's, the checked run must write no report (its
/// stderr is only its JSON summary, print_summary=1), and its summary must count checks begun.
/// </summary>
public sealed class Differential(string allocscc, string workDirectory)
{
    private static readonly string[] Flags = ["-O1", "-std=gnu11", "-Wall", "-Wextra"];

    /// <summary>Generates, builds and runs the program of <paramref name="seed"/>; its files stay in the work directory when
    /// <paramref name="keep"/> or when it fails.</summary>
    public DifferentialResult Run(int seed, bool keep = false) => RunSource(seed, new CastProgramGenerator(seed).Generate(), keep);

    /// <summary>As <see cref="Run"/> for the C source <paramref name="program"/> (in the work directory as seed-<paramref name="seed"/>).</summary>
    public DifferentialResult RunSource(int seed, string program, bool keep = false)
    {
        var dir = Path.Combine(workDirectory, $"seed-{seed}");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(dir, "prog.c");
        File.WriteAllText(source, program);
        var problems = new List<string>();
        var plainExe = Path.Combine(dir, "plain");
        var checkedExe = Path.Combine(dir, "checked");
        var plainBuild = ProcessRunner.Run("gcc", [.. Flags, "-o", plainExe, source], dir, null);
        var checkedBuild = ProcessRunner.Run(allocscc, [.. Flags, "-o", checkedExe, source], dir, null);
        if (plainBuild.ExitCode != 0 || checkedBuild.ExitCode != 0)
        {
            problems.Add($"build failed: gcc {plainBuild.ExitCode}, allocscc {checkedBuild.ExitCode}\n{plainBuild.Stderr}{checkedBuild.Stderr}");
            return new DifferentialResult(seed, false, 0, 0, 0, problems);
        }
        foreach (var warned in new[] { plainBuild, checkedBuild }.Where(b => b.Stderr.Contains("warning:", StringComparison.Ordinal)))
            problems.Add($"the generated program has warnings:\n{warned.Stderr}");
        var plain = ProcessRunner.Run(plainExe, [], dir, null);
        var check = ProcessRunner.Run(checkedExe, [], dir, new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = "print_summary=1:report_format=json" });
        var same = plain.ExitCode == 0 && check.ExitCode == 0 && plain.Stdout == check.Stdout;
        if (!same)
            problems.Add($"outputs differ (plain exit {plain.ExitCode}, checked exit {check.ExitCode}); see {dir}");
        var (reports, checks, unknown, other) = ReadStderr(check.Stderr);
        if (reports > 0)
            problems.Add($"{reports} report(s) on type-correct casts:\n{check.Stderr}");
        if (checks == 0)
            problems.Add("the checked run counted no check");
        if (other.Count > 0)
            problems.Add($"unexpected stderr: {string.Join('\n', other)}");
        if (problems.Count == 0 && !keep)
            Directory.Delete(dir, recursive: true);
        return new DifferentialResult(seed, same, reports, checks, unknown, problems);
    }

    // Reports, checks begun and unknown storage from the checked run's JSON Lines, and any line that is neither.
    private static (int Reports, long Checks, long Unknown, List<string> Other) ReadStderr(string stderr)
    {
        int reports = 0;
        long checks = 0, unknown = 0;
        var other = new List<string>();
        foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                var kind = o.GetProperty(ReportLogSchema.Fields.Kind).GetString();
                if (kind == ReportLogSchema.Kinds.Summary)
                {
                    checks += o.GetProperty(ReportLogSchema.Fields.ChecksBegun).GetInt64();
                    unknown += o.GetProperty(ReportLogSchema.Fields.UnknownStorage).GetInt64();
                }
                else if (kind != ReportLogSchema.Kinds.Note)
                    reports++;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                other.Add(line);
            }
        }
        return (reports, checks, unknown, other);
    }
}

/// <summary>The closing line of a differential run.</summary>
public static class DifferentialSummary
{
    /// <summary>"differential: N programs, S with the same output plain and checked, R reports, C checks run (U on unknown
    /// storage), F failed".</summary>
    public static string Line(IReadOnlyList<DifferentialResult> results) =>
        $"differential: {results.Count} programs, {results.Count(r => r.SameOutput)} with the same output plain and checked, "
        + $"{results.Sum(r => r.Reports)} reports, {results.Sum(r => r.Checks)} checks run ({results.Sum(r => r.UnknownStorage)} on unknown storage), "
        + $"{results.Count(r => !r.Passed)} failed";
}
