// glibc's own malloc tests (malloc/Makefile's `tests`), built with glibc's own test-support library (support/*.c, compiled
// with the system compiler) and run with the standalone allocator preloaded, in the environment glibc's Makefile gives
// each test. A test that cannot run outside glibc's build says why; one that cannot be built must be listed, with the
// reason, in glibc-malloc/tests/glibc-tests-not-built.txt.
using System.Text;
using System.Text.RegularExpressions;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>How one glibc test ended.</summary>
public enum GlibcTestOutcome
{
    /// <summary>Exit status 0.</summary>
    Passed,
    /// <summary>Any other exit, a timeout, or a build that should have worked.</summary>
    Failed,
    /// <summary>Exit status 77: the test found this machine unable to test what it tests.</summary>
    Unsupported,
    /// <summary>Cannot run outside glibc's build, for the reason given.</summary>
    NotRun,
}

/// <summary>One glibc test's outcome; <paramref name="Detail"/> is the reason or the end of the test's output.</summary>
public sealed record GlibcTestResult(string Name, GlibcTestOutcome Outcome, string Detail);

/// <summary>Builds and runs glibc's malloc tests against a built libglibc_malloc.so.</summary>
/// <param name="tree">the glibc source tree the library was built from.</param>
/// <param name="objdir">where the support library, the tests and their files go (created).</param>
/// <param name="library">the shared object to preload.</param>
/// <param name="harnessHeader">glibc-malloc/tests/glibc-harness.h: what glibc's build gives its test-support library.</param>
/// <param name="internalIncludeDirs">directories of internal headers some tests include (malloc-size.h): the build's mirror.</param>
/// <param name="notBuildable">tests that cannot be built outside glibc, with the reason.</param>
public sealed class GlibcTestRunner(string tree, string objdir, string library, string harnessHeader,
    IReadOnlyList<string> internalIncludeDirs, IReadOnlyDictionary<string, string> notBuildable)
{
    private const string DebugAllocator = "libc_malloc_debug.so";

    private readonly GlibcMakefile makefile = new(File.ReadAllText(Path.Combine(tree, "malloc", "Makefile")));
    private readonly HashSet<string> builtAlready = new(StringComparer.Ordinal);

    /// <summary>Reads glibc-tests-not-built.txt: "name[, name...]: reason" lines, # comments.</summary>
    public static Dictionary<string, string> ReadNotBuildable(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return map;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.IndexOf(':') is var colon && colon < 0)
                continue;
            foreach (var name in line[..colon].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                map[name] = line[(colon + 1)..].Trim();
        }
        return map;
    }

    /// <summary>Builds the support library, then builds and runs every test, in the Makefile's order.</summary>
    public IReadOnlyList<GlibcTestResult> RunAll(Action<string> progress)
    {
        Directory.CreateDirectory(objdir);
        var support = BuildSupport(progress);
        var results = new List<GlibcTestResult>();
        foreach (var name in makefile.Words("tests-internal").Distinct())
            results.Add(Report(new GlibcTestResult(name, GlibcTestOutcome.NotRun, "an internal test: glibc links it with libc's internal objects"), progress));
        var statics = makefile.Words("tests-static").ToHashSet(StringComparer.Ordinal);
        foreach (var name in makefile.Words("tests").Distinct())
        {
            GlibcTestResult result;
            var environment = makefile.Environment(name, objdir);
            if (statics.Contains(name))
                result = new(name, GlibcTestOutcome.NotRun, "linked statically by glibc's build: no preloaded allocator can replace its malloc");
            else if (environment.Any(e => e.Value.Contains(DebugAllocator, StringComparison.Ordinal)))
                result = new(name, GlibcTestOutcome.NotRun, $"runs under {DebugAllocator} (malloc-check, mcheck, mtrace), glibc's debugging allocator, which is not built here");
            else if (DefinesMalloc(name))
                result = new(name, GlibcTestOutcome.NotRun, "replaces malloc itself (it tests interposing glibc's allocator): the preloaded allocator never runs");
            else
                result = BuildAndRun(name, name, environment, support);
            results.Add(Report(result, progress));
        }
        // glibc's Rules run the tests again with each huge-page mode of the allocator (tunable glibc.malloc.hugetlb), bar
        // the Makefile's exclusions; those variants have that tunable as their whole environment.
        foreach (var mode in new[] { 1, 2 })
        {
            var excluded = makefile.Words($"tests-exclude-hugetlb{mode}").ToHashSet(StringComparer.Ordinal);
            if (excluded.Count == 0)
                continue;   // a glibc without the variants
            foreach (var name in makefile.Words("tests").Distinct().Where(t => !excluded.Contains(t) && !statics.Contains(t) && !DefinesMalloc(t)))
            {
                var variant = $"{name}-malloc-hugetlb{mode}";
                results.Add(Report(BuildAndRun(name, variant, [new("GLIBC_TUNABLES", $"glibc.malloc.hugetlb={mode}")], support), progress));
            }
        }
        return results;
    }

    // Whether the test's sources, or the files they include with quotes, define malloc (glibc's style puts the name at
    // the start of the line).
    private bool DefinesMalloc(string test) =>
        new[] { test }.Concat(makefile.ExtraObjects(test))
            .Any(n => SourceDefinesMalloc(Path.Combine(tree, "malloc", n + ".c"), 3));

    private static bool SourceDefinesMalloc(string file, int depth)
    {
        if (depth == 0 || !File.Exists(file))
            return false;
        var text = File.ReadAllText(file);
        return Regex.IsMatch(text, @"^malloc \(size_t", RegexOptions.Multiline)
            || Regex.Matches(text, @"^#\s*include\s*""([^""]+)""", RegexOptions.Multiline)
                .Any(m => SourceDefinesMalloc(Path.Combine(Path.GetDirectoryName(file)!, m.Groups[1].Value), depth - 1));
    }

    private static GlibcTestResult Report(GlibcTestResult r, Action<string> progress)
    {
        var word = r.Outcome switch
        {
            GlibcTestOutcome.Passed => "PASS",
            GlibcTestOutcome.Failed => "FAIL",
            GlibcTestOutcome.Unsupported => "UNSUPPORTED",
            _ => "NOT RUN",
        };
        progress($"glibc-malloc: {r.Name}: {word}{(r.Detail.Length > 0 ? ": " + r.Detail : "")}");
        return r;
    }

    private List<string> Flags() =>
    [
        "-O1", "-g", "-D_GNU_SOURCE", "-include", harnessHeader,
        $"-DSRCDIR_PATH=\"{tree}\"", $"-DOBJDIR_PATH=\"{objdir}\"",
        // After the system's headers, so glibc's internal wrappers (include/stdio.h) never shadow them.
        "-idirafter", Path.Combine(tree, "include"), "-idirafter", Path.Combine(tree, "support"),
        .. internalIncludeDirs.SelectMany(d => new[] { "-idirafter", d }),
        "-idirafter", tree,
    ];

    /// <summary>glibc's test-support library from the tree: every support/*.c that compiles with the system compiler
    /// and is not a program of its own; those left out are listed in support-left-out.txt.</summary>
    private string BuildSupport(Action<string> progress)
    {
        var dir = Path.Combine(objdir, "support");
        Directory.CreateDirectory(dir);
        var archive = Path.Combine(objdir, "libsupport.a");
        var leftOut = new StringBuilder();
        var objects = new List<string>();
        foreach (var source in Directory.EnumerateFiles(Path.Combine(tree, "support"), "*.c").Order(StringComparer.Ordinal))
        {
            var obj = Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".o");
            if (!File.Exists(obj) || File.GetLastWriteTimeUtc(obj) < File.GetLastWriteTimeUtc(harnessHeader))
            {
                var (ok, output) = MallocExtraction.Run("gcc", [.. Flags(), "-c", source, "-o", obj], objdir);
                if (!ok)
                {
                    File.Delete(obj);
                    leftOut.Append(Path.GetFileName(source)).Append(": ").Append(CompilerDiagnostics.FirstError(output) ?? output.Trim().Split('\n')[0]).Append('\n');
                    continue;
                }
            }
            var (_, symbols) = MallocExtraction.Run("nm", ["--defined-only", obj], objdir);
            if (symbols.Split('\n').Any(l => l.EndsWith(" T main", StringComparison.Ordinal)))
                continue;   // a program (a container helper), not a library member
            objects.Add(obj);
        }
        File.Delete(archive);
        MallocExtraction.Run("ar", ["rcs", archive, .. objects], objdir);
        File.WriteAllText(Path.Combine(objdir, "support-left-out.txt"), leftOut.ToString());
        progress($"glibc-malloc: glibc's test-support library: {objects.Count} files (left out: {Path.Combine(objdir, "support-left-out.txt")})");
        return archive;
    }

    /// <summary>Builds test <paramref name="name"/> (once) and runs it as <paramref name="reported"/> (the test, or one of
    /// its variants) in <paramref name="environment"/>.</summary>
    private GlibcTestResult BuildAndRun(string name, string reported, IReadOnlyList<KeyValuePair<string, string>> environment, string support)
    {
        var source = Path.Combine(tree, "malloc", name + ".c");
        var exe = Path.Combine(objdir, name);
        var inputs = new List<string> { source };
        foreach (var extra in makefile.ExtraObjects(name))
        {
            var extraSource = Path.Combine(tree, "malloc", extra + ".c");
            if (File.Exists(extraSource))
                inputs.Add(extraSource);
        }
        var built = true;
        var output = "";
        if (!builtAlready.Contains(name))
        {
            (built, output) = MallocExtraction.Run("gcc", [.. Flags(), "-o", exe, .. inputs, support, "-lpthread"], objdir);
            if (built)
                builtAlready.Add(name);
        }
        var listed = notBuildable.TryGetValue(name, out var why);
        if (!built)
        {
            return listed
                ? new(reported, GlibcTestOutcome.NotRun, "does not build outside glibc: " + why)
                : new(reported, GlibcTestOutcome.Failed, "does not build: " + (CompilerDiagnostics.FirstError(output) ?? output.Trim()));
        }
        if (listed)
            return new(reported, GlibcTestOutcome.Failed, "builds, but glibc-tests-not-built.txt says it cannot: remove it from the list");

        // A helper library the test's environment preloads ($(objpfx)tst-aligned_alloc-lib.so) is built from the same
        // directory's source; it interposes above the allocator, so it comes first in LD_PRELOAD. One that glibc builds
        // with its internal headers leaves the test not run.
        foreach (var (_, value) in environment)
        {
            foreach (Match m in Regex.Matches(value, Regex.Escape(objdir.TrimEnd('/')) + @"/+(?<name>[A-Za-z0-9_-]+)\.so"))
            {
                var helper = Path.Combine(objdir, m.Groups["name"].Value + ".so");
                var helperSource = Path.Combine(tree, "malloc", m.Groups["name"].Value + ".c");
                if (File.Exists(helper) || !File.Exists(helperSource))
                    continue;
                var (ok, helperOutput) = MallocExtraction.Run("gcc", [.. Flags(), "-shared", "-fPIC", "-o", helper, helperSource], objdir);
                if (!ok)
                    return new(reported, GlibcTestOutcome.NotRun, $"its helper library {Path.GetFileName(helper)} does not build outside glibc: " + (CompilerDiagnostics.FirstError(helperOutput) ?? helperOutput.Trim()));
            }
        }
        var testEnvironment = new Dictionary<string, string?>();
        foreach (var (key, value) in environment)
            testEnvironment[key] = value;   // a key given twice: the last value, as make's environment has it
        var preloaded = testEnvironment.TryGetValue("LD_PRELOAD", out var own) ? own : Environment.GetEnvironmentVariable("LD_PRELOAD");
        testEnvironment["LD_PRELOAD"] = string.IsNullOrEmpty(preloaded) ? library : preloaded + ":" + library;
        var run = ProcessRunner.Run(exe, [], objdir, testEnvironment, timeoutSeconds: 300);
        if (run.TimedOut)
            return new(reported, GlibcTestOutcome.Failed, "did not finish in 5 minutes");
        var text = run.All.Trim();
        var tail = string.Join(" | ", text.Split('\n').TakeLast(3).Select(l => l.Trim()));
        // ld.so says so and goes on without it: the test would pass on the system's allocator.
        if (text.Contains("from LD_PRELOAD cannot be preloaded", StringComparison.Ordinal))
            return new(reported, GlibcTestOutcome.Failed, "the library was not preloaded: " + tail);
        return run.ExitCode switch
        {
            0 => new(reported, GlibcTestOutcome.Passed, ""),
            77 => new(reported, GlibcTestOutcome.Unsupported, tail),
            var code => new(reported, GlibcTestOutcome.Failed, $"exit {code}: {tail}"),
        };
    }

    /// <summary>The totals line: "glibc malloc tests: N passed, N failed (N unsupported, N not run)".</summary>
    public static string Totals(IReadOnlyList<GlibcTestResult> results) =>
        $"glibc malloc tests: {results.Count(r => r.Outcome == GlibcTestOutcome.Passed)} passed, " +
        $"{results.Count(r => r.Outcome == GlibcTestOutcome.Failed)} failed " +
        $"({results.Count(r => r.Outcome == GlibcTestOutcome.Unsupported)} unsupported, {results.Count(r => r.Outcome == GlibcTestOutcome.NotRun)} not run)";
}
