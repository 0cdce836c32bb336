// Every program of corpus/ (outside corpus/real), built with allocscc, run, and checked against
// the CHECK directives written beside its code.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Corpus;

public class CorpusTests
{
    private const string ReportHeadline = "runtime error:";

    private static readonly string[] WarningFlags = ["-Wall", "-Wextra"];

    /// <summary>The compiler's warnings in <paramref name="output"/>, each as its message (without the place, which differs between a
    /// source and its instrumented copy); allocscc's own diagnostics are not compiler warnings.</summary>
    private static HashSet<string> CompilerWarnings(string output)
    {
        const string Marker = " warning: ";
        return [.. output.Split('\n')
            .Where(l => !l.StartsWith("allocscc:", StringComparison.Ordinal) && l.Contains(Marker, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim())];
    }

    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.Corpus, "*.c", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}real{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Repo.Corpus, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_output_matches_its_checks(string relativePath)
    {
        var lit = LitFile.Parse(Path.Combine(Repo.Corpus, relativePath));
        Assert.True(lit.Checks.Count + lit.CheckNots.Count > 0, $"{relativePath} has no CHECK directives");
        foreach (var flags in lit.FlagVariants)
            BuildRunAndVerify(lit, relativePath, flags);
    }

    private static void BuildRunAndVerify(LitFile lit, string relativePath, string[] flags)
    {
        var variant = flags.Length == 0 ? relativePath : $"{relativePath} ({string.Join(' ', flags)})";
        var dir = Processes.TempDirectory("corpus");
        try
        {
            var exe = Path.Combine(dir, "prog");
            var build = Processes.Run(Repo.Allocscc, [.. WarningFlags, .. flags, "-o", exe, lit.Path], dir);
            Assert.True(build.ExitCode == 0, $"allocscc failed on {variant}:\n{build.All}");
            // Instrumenting adds no compiler warning (-Werror builds must keep building): compiled plainly to assembly, which runs
            // the same warning passes (-Wuse-after-free, -Wdangling-pointer need the optimiser), the program warns at least as much.
            var plain = Processes.Run("gcc", [.. WarningFlags, "-idirafter", Repo.Include, .. flags, "-S", "-o", "/dev/null", lit.Path], dir);
            var added = CompilerWarnings(build.All).Except(CompilerWarnings(plain.All)).ToList();
            Assert.True(added.Count == 0, $"{variant}: instrumenting added warnings:\n{string.Join('\n', added)}\n--- allocscc:\n{build.All}");
            // One stream, in the order the program wrote it.
            var run = Processes.Run("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>&1", exe, .. lit.Args], dir);
            Assert.True(run.ExitCode == lit.ExpectedExit, $"{variant} exited {run.ExitCode}, expected {lit.ExpectedExit}:\n{run.Stdout}");
            var failures = lit.Verify(run.Stdout);
            Assert.True(failures.Count == 0, $"{variant}:\n" + string.Join('\n', failures) + "\n--- output:\n" + run.Stdout);
            // Exactly one report per faulty line, and none on correct lines.
            var reports = run.Stdout.Split('\n').Count(l => l.Contains(ReportHeadline, StringComparison.Ordinal));
            var expected = lit.Checks.Count(c => c.Text.Contains(ReportHeadline, StringComparison.Ordinal));
            Assert.True(reports == expected, $"{variant}: {reports} reports, {expected} expected by CHECK lines\n--- output:\n{run.Stdout}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
