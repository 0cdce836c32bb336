// `liballocs glibc-malloc`: obtain the sources, run the compile loop when no configuration is cached (or the hand-written
// layer changed since), then build directly with make from the configuration.

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>The glibc-malloc command.</summary>
public static class GlibcMallocBuild
{
    /// <summary>What to build: <paramref name="Suite"/> null is the installed glibc, whose result is
    /// artifacts/lib/libglibc_malloc.so; another suite's result stays in <paramref name="WorkDir"/>.</summary>
    public sealed record Request(string Repo, string WorkDir, string? Suite, string? Tree, bool Reconfigure, int MaxIterations, bool Check = false);

    /// <summary>What a run did: its exit status (0 when the shared object is built and, with Check, glibc's malloc tests failed
    /// none; 1 when the build or a test failed; 2 for unusable input) and, with Check, each test's result (null when they did
    /// not run).</summary>
    public sealed record Outcome(int ExitCode, IReadOnlyList<GlibcTestResult>? Tests);

    /// <summary>Runs the command, printing on the console: its exit status (see <see cref="Outcome"/>).</summary>
    public static int Run(Request request) => Build(request, Console.Out).ExitCode;

    /// <summary>Runs the command, writing what it does (progress, make's output, each test, the totals) to
    /// <paramref name="output"/>; unusable input is said on stderr.</summary>
    public static Outcome Build(Request request, TextWriter output)
    {
        if (request.MaxIterations < 1)
        {
            Console.Error.WriteLine("liballocs: --max-iterations must be at least 1");
            return new(2, null);
        }
        GlibcTree? glibc;
        if (request.Tree is { } given)
        {
            if (!File.Exists(Path.Combine(given, "malloc", "malloc.c")))
            {
                Console.Error.WriteLine($"liballocs: {given} is not a glibc source tree (no malloc/malloc.c)");
                return new(2, null);
            }
            glibc = new GlibcTree("tree " + given, given);
        }
        else
        {
            glibc = GlibcSource.Obtain(Path.Combine(request.WorkDir, "sources"), request.Suite, output.WriteLine);
            if (glibc is null)
                return new(1, null);
        }
        var project = Path.Combine(request.Repo, "glibc-malloc");
        var machine = Machine();
        var library = request.Suite is null && request.Tree is null
            ? Path.Combine(request.Repo, "artifacts", "lib", "libglibc_malloc.so")
            : Path.Combine(request.WorkDir, "libglibc_malloc.so");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        var config = Path.Combine(request.WorkDir, "config.mk");
        var configuredFor = Path.Combine(request.WorkDir, "configured-for");
        // What was learned holds for one glibc version, one hand-written layer (its files' names and contents) and one
        // build of this tool.
        var fingerprint = $"{glibc.Version}\n{HandWrittenFingerprint(project)}\n{File.GetLastWriteTimeUtc(Environment.ProcessPath ?? project):O}";
        var stale = request.Reconfigure || !File.Exists(config)
            || !File.Exists(configuredFor) || File.ReadAllText(configuredFor) != fingerprint;
        if (stale)
        {
            output.WriteLine($"glibc-malloc: learning how to build glibc {glibc.Version}'s allocator (log: {Path.Combine(request.WorkDir, "attempts.log")})");
            var extraction = new MallocExtraction(new ExtractionPaths(glibc.Root, project, request.WorkDir, library), machine);
            var result = extraction.Configure(request.MaxIterations, output.WriteLine);
            output.WriteLine($"glibc-malloc: {result.Message}");
            if (!result.Succeeded)
                return new(1, null);
            File.WriteAllText(configuredFor, fingerprint);
        }
        if (ProcessRunner.Stream("make", ["-s", "-C", project, "WORK=" + request.WorkDir, "OUT=" + library], request.Repo, null,
            output.WriteLine, timeoutSeconds: 3600) != 0)
            return new(1, null);
        output.WriteLine($"glibc-malloc: {library} (glibc {glibc.Version})");
        if (!request.Check)
            return new(0, null);
        var mirror = Path.Combine(request.WorkDir, "mirror");
        var mirrorDirs = SysdepsOrder.For(glibc.Root, machine).Select(d => Path.GetFullPath(Path.Combine(mirror, d))).Where(Directory.Exists).ToList();
        var runner = new GlibcTestRunner(glibc.Root, Path.Combine(request.WorkDir, "glibc-tests"), library,
            Path.Combine(project, "tests", "glibc-harness.h"), mirrorDirs,
            GlibcTestRunner.ReadNotBuildable(Path.Combine(project, "tests", "glibc-tests-not-built.txt")));
        var results = runner.RunAll(output.WriteLine);
        output.WriteLine(GlibcTestRunner.Totals(results));
        return new(results.Any(r => r.Outcome == GlibcTestOutcome.Failed) ? 1 : 0, results);
    }

    // The repository's part of the build: when one of its files changes, appears or goes, what was learned may no
    // longer hold.
    private static string HandWrittenFingerprint(string project)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var files = Directory.EnumerateFiles(Path.Combine(project, "include"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(project, "src"), "*"))
            .Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            var name = System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(project, f) + "\0");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var content = File.ReadAllBytes(f);
            sha.TransformBlock(content, 0, content.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }

    // glibc's name of this machine: the first part of the compiler's target triple.
    private static string Machine() => MallocExtraction.Run("gcc", ["-dumpmachine"]).Output.Trim().Split('-')[0];
}
