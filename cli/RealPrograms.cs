// Runs the scripts of corpus/real and collects their results.
using System.Diagnostics;
using Liballocs.Cli.Report;

namespace Liballocs.Cli;

/// <summary>
/// The real-program corpus: each subdirectory of <c>corpus/real</c> with a <c>run.sh</c> is one program.
/// Running one starts <c>bash run.sh</c> with <c>REAL_WORK</c> set, passes its output through (and
/// into <c>WORK/NAME.log</c>), then reads <c>WORK/NAME/result</c> and the report logs in
/// <c>WORK/NAME/reports</c>.
/// </summary>
/// <param name="corpusDirectory">corpus/real.</param>
/// <param name="workDirectory">where builds, logs and reports go.</param>
/// <param name="glibcMalloc">run the tests on glibc's allocator built standalone (REAL_GLIBC_MALLOC=1).</param>
/// <param name="sources">downloaded source packages (REAL_SOURCES; default: WORK/sources).</param>
public sealed class RealPrograms(string corpusDirectory, string workDirectory, bool glibcMalloc = false, string? sources = null)
{
    /// <summary>The programs, by name, in name order.</summary>
    public IReadOnlyList<string> Names { get; } =
        Directory.Exists(corpusDirectory)
            ? [.. Directory.EnumerateDirectories(corpusDirectory).Where(d => File.Exists(Path.Combine(d, "run.sh")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Runs the programs <paramref name="chosen"/> of <paramref name="corpus"/> (checked; with <paramref name="compare"/>
    /// plain first), saying what each does and each script's "real: " lines through <paramref name="say"/>, then the table
    /// (also written to WORK/table.md) and the closing line "real programs: N passed, N failed"; returns the results.</summary>
    public static IReadOnlyList<ProgramResult> RunAndTabulate(RealPrograms corpus, IEnumerable<string> chosen, string workDir, bool compare,
        Action<string> say)
    {
        var results = new List<ProgramResult>();
        foreach (var name in chosen)
        {
            void Progress(string line)
            {
                if (line.StartsWith("real: ", StringComparison.Ordinal))
                    say(line);
            }
            ProgramResult? plain = null;
            if (compare)
            {
                say($"real: {name}: building with plain cc and testing (log: {Path.Combine(workDir, "plain", name + ".log")})");
                plain = corpus.Run(name, Progress, plain: true);
            }
            say($"real: {name}: building with allocscc and testing (log: {Path.Combine(workDir, name + ".log")})");
            results.Add(corpus.Run(name, Progress) with { Plain = plain });
        }
        var table = ResultTable.Format(results);
        Directory.CreateDirectory(workDir);
        File.WriteAllText(Path.Combine(workDir, "table.md"), table);
        say("");
        say(table.TrimEnd('\n'));
        say(ResultTable.ClosingLine(results));
        return results;
    }

    /// <summary>Runs program <paramref name="name"/>'s script; <paramref name="output"/> receives its output lines.
    /// With <paramref name="plain"/>, the script builds with plain cc and checks nothing (REAL_PLAIN=1), in WORK/plain; then
    /// <paramref name="compiler"/> (one word, as CC) builds instead of cc when given. <paramref name="extraEnvironment"/> is
    /// added to the script's environment (ASAN_OPTIONS for a build whose tools run under AddressSanitizer).</summary>
    public ProgramResult Run(string name, Action<string> output, bool plain = false, string? compiler = null,
        IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var start = Stopwatch.GetTimestamp();
        var environment = new Dictionary<string, string?>
        {
            ["REAL_WORK"] = workDirectory,
            ["REAL_PLAIN"] = plain ? "1" : "0",
            ["REAL_GLIBC_MALLOC"] = glibcMalloc ? "1" : "0",
        };
        if (sources is not null)
            environment["REAL_SOURCES"] = sources;
        if (plain && compiler is not null)
            environment["CC"] = compiler;
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>())
            environment[key] = value;
        var work = plain ? Path.Combine(workDirectory, "plain") : workDirectory;
        Directory.CreateDirectory(work);
        using var log = new StreamWriter(Path.Combine(work, name + ".log"));
        var exit = ProcessRunner.Stream("bash", [Path.Combine(corpusDirectory, name, "run.sh")], Environment.CurrentDirectory, environment, line =>
        {
            log.WriteLine(line);
            output(line);
        });
        var elapsed = Stopwatch.GetElapsedTime(start);
        var dir = Path.Combine(work, name);
        var resultFile = Path.Combine(dir, "result");
        var facts = File.Exists(resultFile) ? ProgramResult.ParseFacts(File.ReadLines(resultFile)) : [];
        return new ProgramResult(name, facts, Reports(Path.Combine(dir, "reports"), dir, output), elapsed, exit);
    }

    // The logs merged as `liballocs report` merges them; unusable logs are said and count as none (so the program fails).
    private static MergedReport Reports(string logs, string sourceRoot, Action<string> output)
    {
        var root = SourceRoot.At(sourceRoot);
        try
        {
            return MergedReport.Of(Directory.Exists(logs) ? ReportLog.Read([logs]) : new ReportLog(), [], root, null);
        }
        catch (ReportInputException e)
        {
            output($"real: unusable report logs: {e.Message}");
            return MergedReport.Of(new ReportLog(), [], root, null);
        }
    }
}
