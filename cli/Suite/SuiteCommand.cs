// `liballocs suite`: every test of the repository, in the order bin/test has always run them, with one totals line.
using System.CommandLine;
using System.Xml.Linq;
using Liballocs.Cli.GlibcMalloc;

namespace Liballocs.Cli.Suite;

/// <summary>
/// The <c>suite</c> command (bin/test runs it after building): glibc's malloc tests against the standalone glibc allocator
/// (the installed glibc's, then Debian 13's), the xunit suite (which also runs the C layer's test programs and the corpus),
/// then the real programs of corpus/real. Each part's counts come back as values (the glibc and real-program runs are this
/// process's own code; xunit's are read from its TRX file), each part's full output goes to artifacts/test-logs/, and the
/// console gets what failed or needs reading. The last line is the totals, "N passed, N failed"; exit status 0 when
/// something passed and nothing failed, else 1.
/// </summary>
public static class SuiteCommand
{
    /// <summary>The command, for the root command.</summary>
    public static Command Create()
    {
        var real = new Argument<string[]>("program")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "programs of corpus/real to run at the end (default: all)",
        };
        var command = new Command("suite", "run every test: glibc's malloc tests on the standalone allocator, the xunit suite and the real "
            + "programs; prints \"N passed, N failed\" last (bin/test builds first, then runs this)");
        command.Arguments.Add(real);
        command.SetAction(parsed =>
        {
            if (Repository.RootOrSayWhy() is not { } repo)
                return 2;
            var totals = new Totals();
            var logs = Path.Combine(repo, "artifacts", "test-logs");
            Directory.CreateDirectory(logs);
            foreach (var suite in new[] { null, "trixie" })
                Part($"glibc's allocator ({suite ?? "installed"})", totals, () => GlibcMallocTests(repo, logs, suite, totals));
            Part("the xunit suite", totals, () => Xunit(repo, logs, totals));
            Part("the real programs", totals, () => RealPrograms(repo, logs, parsed.GetValue(real) ?? [], totals));
            Console.WriteLine($"{totals.Passed} passed, {totals.Failed} failed");
            return totals.Failed == 0 && totals.Passed > 0 ? 0 : 1;
        });
        return command;
    }

    // Runs one part; one that throws (a log it cannot write, a program it cannot start, a file it cannot read) counts as one
    // failure, said on the console, and the parts after it still run: the totals line always comes.
    private static void Part(string name, Totals totals, Action run)
    {
        try
        {
            run();
        }
        catch (Exception e)
        {
            Console.WriteLine($"suite: {name} could not run: {e.GetType().Name}: {e.Message}");
            totals.Failed++;
        }
    }

    // Passed and failed tests of every part; a part that could not run counts as one failure.
    private sealed class Totals
    {
        public int Passed { get; set; }
        public int Failed { get; set; }
    }

    // glibc's allocator built standalone from the installed glibc (artifacts/lib/libglibc_malloc.so, which the xunit suite tests
    // too) or from another suite's (showing the build adapting to another version), then glibc's own malloc tests against it.
    private static void GlibcMallocTests(string repo, string logs, string? suite, Totals totals)
    {
        var name = suite ?? "installed";
        var logPath = Path.Combine(logs, $"glibc-malloc-{name}.log");
        Console.WriteLine($"suite: glibc's allocator ({name}): building it and running glibc's malloc tests (log: {logPath})");
        GlibcMallocBuild.Outcome outcome;
        using (var log = new StreamWriter(logPath))
        {
            outcome = GlibcMallocBuild.Build(new GlibcMallocBuild.Request(repo, Path.Combine(repo, "artifacts", "glibc-malloc", name), suite,
                null, Reconfigure: false, MaxIterations: 200, Check: true), log);
        }
        if (outcome.Tests is not { } tests)
        {
            // What went wrong is at the log's end (make's or the compile loop's errors).
            foreach (var line in File.ReadLines(logPath).Where(l => !l.EndsWith(": PASS", StringComparison.Ordinal)).TakeLast(20))
                Console.WriteLine(line);
            Console.WriteLine($"suite: glibc's allocator ({name}) did not build or its tests did not run (see {logPath})");
            totals.Failed++;
            return;
        }
        foreach (var failed in tests.Where(t => t.Outcome == GlibcTestOutcome.Failed))
            Console.WriteLine($"glibc-malloc ({name}): FAIL {failed.Name}: {failed.Detail}");
        Console.WriteLine($"{GlibcTestRunner.Totals(tests)} ({name}; log: {logPath})");
        totals.Passed += tests.Count(t => t.Outcome == GlibcTestOutcome.Passed);
        totals.Failed += tests.Count(t => t.Outcome == GlibcTestOutcome.Failed);
    }

    // The xunit suite, its totals read from the TRX file it writes (the console's wording is not a format).
    private static void Xunit(string repo, string logs, Totals totals)
    {
        var trx = Path.Combine(logs, "xunit.trx");
        File.Delete(trx);
        Console.WriteLine($"suite: the xunit suite (log: {Path.Combine(logs, "xunit.log")})");
        var run = ProcessRunner.Run("dotnet", ["test", Path.Combine(repo, "tests", "Liballocs.Tests", "Liballocs.Tests.csproj"), "--nologo",
            "-v", "quiet", "--logger", "trx;LogFileName=xunit.trx", "--results-directory", logs], repo,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, timeoutSeconds: 3600);
        File.WriteAllText(Path.Combine(logs, "xunit.log"), run.All);
        foreach (var line in run.All.Split('\n').TakeLast(40))
            Console.WriteLine(line);
        if (TrxCounts(trx) is not var (passed, failed))
        {
            Console.WriteLine($"suite: dotnet test wrote no results (exit {run.ExitCode}; see {Path.Combine(logs, "xunit.log")})");
            totals.Failed++;
            return;
        }
        totals.Passed += passed;
        totals.Failed += failed;
        // A test host that crashed or a run that aborted leaves counters for the tests that finished, none failed.
        if (run.ExitCode != 0 && failed == 0)
        {
            Console.WriteLine($"suite: dotnet test exited {run.ExitCode} with no failed test counted (see {Path.Combine(logs, "xunit.log")})");
            totals.Failed++;
        }
    }

    /// <summary>The passed and failed (errors included) counts of a TRX file's ResultSummary; null when the file is missing
    /// or has no counters.</summary>
    public static (int Passed, int Failed)? TrxCounts(string path)
    {
        if (!File.Exists(path))
            return null;
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = XDocument.Load(path).Descendants(ns + "Counters").FirstOrDefault();
        if (counters is null)
            return null;
        int Count(string attribute) => (int?)counters.Attribute(attribute) ?? 0;
        return (Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"));
    }

    // The real programs: each one a test that passes when it builds, its own tests pass and every report it gets is explained.
    private static void RealPrograms(string repo, string logs, string[] chosen, Totals totals)
    {
        var workDir = Path.Combine(repo, "artifacts", "real");
        var corpus = new Cli.RealPrograms(Path.Combine(repo, "corpus", "real"), workDir);
        var unknown = chosen.Where(n => !corpus.Names.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            Console.WriteLine($"suite: no such program in corpus/real: {string.Join(", ", unknown)}");
            totals.Failed++;
            return;
        }
        using var log = new StreamWriter(Path.Combine(logs, "real.log"));
        var results = Cli.RealPrograms.RunAndTabulate(corpus, chosen.Length > 0 ? chosen : corpus.Names, workDir, compare: false, line =>
        {
            log.WriteLine(line);
            if (!(line.StartsWith("real: ", StringComparison.Ordinal) && line.Contains(": PASS ", StringComparison.Ordinal)))
                Console.WriteLine(line);
        });
        totals.Passed += results.Count(r => r.Succeeded);
        totals.Failed += results.Count(r => !r.Succeeded);
    }
}
