// Builds a corpus program with allocscc, runs it and holds its output to the directives written beside its code: what the
// xunit suite does for every file of corpus/ and `liballocs test FILE...` does for the files it is given.
namespace Liballocs.Cli.Corpus;

/// <summary>Runs corpus programs (see <see cref="LitFile"/> for the directives).</summary>
/// <param name="allocscc">bin/allocscc.</param>
/// <param name="include">contract/include, where a plain build finds liballocs' headers.</param>
public sealed class CorpusRunner(string allocscc, string include)
{
    private const string ReportHeadline = "runtime error:";

    private static readonly string[] WarningFlags = ["-Wall", "-Wextra"];

    /// <summary>Builds, runs and verifies <paramref name="lit"/> once per set of ALLOCSCC-FLAGS; returns what went wrong, each
    /// entry naming the variant (empty when everything held). A program must carry at least one CHECK or CHECK-NOT.</summary>
    public List<string> Run(LitFile lit)
    {
        if (lit.Checks.Count + lit.CheckNots.Count == 0)
            return [$"{lit.Path} has no CHECK directives"];
        var failures = new List<string>();
        foreach (var flags in lit.FlagVariants)
            failures.AddRange(RunVariant(lit, flags));
        return failures;
    }

    private List<string> RunVariant(LitFile lit, string[] flags)
    {
        var variant = flags.Length == 0 ? lit.Path : $"{lit.Path} ({string.Join(' ', flags)})";
        var dir = Directory.CreateTempSubdirectory("corpus-").FullName;
        try
        {
            var exe = Path.Combine(dir, "prog");
            var build = ProcessRunner.Run(allocscc, [.. WarningFlags, .. flags, "-o", exe, lit.Path], dir, timeoutSeconds: 300);
            if (build.ExitCode != 0)
                return [$"allocscc failed on {variant}:\n{build.All}"];
            // Instrumenting adds no compiler warning (-Werror builds must keep building): compiled plainly to assembly, which runs
            // the same warning passes (-Wuse-after-free, -Wdangling-pointer need the optimiser), the program warns at least as much.
            var plain = ProcessRunner.Run("gcc", [.. WarningFlags, "-idirafter", include, .. flags, "-S", "-o", "/dev/null", lit.Path], dir,
                timeoutSeconds: 300);
            var added = CompilerWarnings(build.All).Except(CompilerWarnings(plain.All)).ToList();
            if (added.Count > 0)
                return [$"{variant}: instrumenting added warnings:\n{string.Join('\n', added)}\n--- allocscc:\n{build.All}"];
            // One stream, in the order the program wrote it; the file's OPTIONS, or none (not the caller's).
            var run = ProcessRunner.Run("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>&1", exe, .. lit.Args], dir,
                new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = lit.Options }, timeoutSeconds: 300);
            var failures = new List<string>();
            if (run.ExitCode != lit.ExpectedExit)
                failures.Add($"{variant} exited {run.ExitCode}, expected {lit.ExpectedExit}");
            failures.AddRange(lit.Verify(run.Stdout));
            // Exactly one report per faulty line, and none on correct lines.
            var reports = run.Stdout.Split('\n').Count(l => l.Contains(ReportHeadline, StringComparison.Ordinal));
            var expected = lit.Checks.Count(c => c.Text.Contains(ReportHeadline, StringComparison.Ordinal));
            if (reports != expected)
                failures.Add($"{variant}: {reports} reports, {expected} expected by CHECK lines");
            if (failures.Count > 0)
                failures.Add($"--- output of {variant}:\n{run.Stdout}");
            return failures;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The compiler's warnings in `output`, each as its message (without the place, which differs between a source and its
    // instrumented copy); allocscc's own diagnostics are not compiler warnings.
    private static HashSet<string> CompilerWarnings(string output)
    {
        const string Marker = " warning: ";
        return [.. output.Split('\n')
            .Where(l => !l.StartsWith("allocscc:", StringComparison.Ordinal) && l.Contains(Marker, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim())];
    }
}
