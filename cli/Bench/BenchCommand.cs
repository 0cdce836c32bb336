// liballocs bench: the benchmark suite. Checked builds against plain ones and AddressSanitizer, run interleaved in one session;
// numbers only, into bench/RESULTS.md. Nothing here is a test.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Liballocs.Cli.Report;

namespace Liballocs.Cli.Bench;

/// <summary>
/// The benchmark suite. Each workload (<see cref="Workload.All"/>) is built plain, checked and with gcc's
/// <c>-fsanitize=address</c> and run interleaved (plain, checked, ASan, plain, ...) several times in one session; the table gives
/// median wall time and peak RSS with ratios to plain, and each checked workload's check count and the share the caches
/// answered. Then start-up per process, the first report, the cost of one check in each way a check is answered, malloc+free
/// overhead, and build time on SQLite's amalgamation. Writes bench/RESULTS.md. The corpus/real programs' builds are those of
/// <c>liballocs real</c> (a missing one is made by its script, which runs its tests too); ASan's under artifacts/bench/asan.
/// </summary>
public sealed partial class BenchCommand
{
    private readonly BenchPaths paths;
    private readonly int runs;
    private readonly TextWriter say;
    private readonly TextWriter warn;
    private int unmeasured;   // sections or runs that gave no number: the command then fails
    private readonly string runMeasured;
    private readonly CultureInfo inv = CultureInfo.InvariantCulture;

    private BenchCommand(string root, int runs, TextWriter say, TextWriter warn)
    {
        paths = new BenchPaths(root);
        this.runs = runs;
        this.say = say;
        this.warn = warn;
        runMeasured = Path.Combine(paths.Out, "run_measured");
    }

    /// <summary>The <c>bench</c> subcommand: <c>liballocs bench [--runs N] [--quick] [WORKLOAD...]</c>.</summary>
    public static Command Create()
    {
        var workloads = new Argument<string[]>("workload")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = $"some of: {string.Join(" ", Workload.All.Select(w => w.Name))} (default: all)",
        };
        var runs = new Option<int>("--runs")
        {
            Description = "interleaved runs per workload (default 5, or BENCH_RUNS)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BENCH_RUNS") is { Length: > 0 } v ? (int.TryParse(v, out var n) ? n : 0) : 5,
        };
        var quick = new Option<bool>("--quick") { Description = "skip the SQLite build-time measurement (minutes)" };
        var glibcMalloc = new Option<bool>("--glibc-malloc")
        {
            Description = "instead, time glibc's allocator built standalone (bin/liballocs glibc-malloc) against the system's on the allocation-bound workloads and SQLite, plain and checked, into bench/GLIBC_MALLOC.md",
        };
        var command = new Command("bench",
            "benchmark checked builds against plain ones and AddressSanitizer (median wall time, peak RSS, checks, start-up, cost per check, malloc+free, build time) into bench/RESULTS.md");
        command.Arguments.Add(workloads);
        command.Options.Add(runs);
        command.Options.Add(quick);
        command.Options.Add(glibcMalloc);
        command.SetAction(parsed =>
        {
            if (Repository.RootOrSayWhy() is not { } repo)
                return 2;
            var n = parsed.GetValue(runs);
            if (n < 1)
            {
                Console.Error.WriteLine("liballocs: --runs (or BENCH_RUNS) needs a positive number");
                return 2;
            }
            var names = parsed.GetValue(workloads) ?? [];
            if (parsed.GetValue(glibcMalloc) && (names.Length > 0 || parsed.GetValue(quick)))
            {
                Console.Error.WriteLine("liballocs: bench --glibc-malloc runs its own workloads: it takes no workload and no --quick");
                return 2;
            }
            var unknown = names.Where(w => Workload.All.All(k => k.Name != w)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"liballocs: unknown workload {string.Join(", ", unknown)} (one of: {string.Join(" ", Workload.All.Select(w => w.Name))})");
                return 2;
            }
            var selected = names.Length == 0 ? Workload.All : [.. Workload.All.Where(w => names.Contains(w.Name))];
            var bench = new BenchCommand(repo, n, Console.Out, Console.Error);
            try
            {
                return parsed.GetValue(glibcMalloc) ? bench.CompareGlibcMalloc() : bench.Run(selected, parsed.GetValue(quick));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"liballocs bench: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static readonly Variant[] Variants = [Variant.Plain, Variant.Checked, Variant.Asan];

    private int Run(IReadOnlyList<Workload> selected, bool quick)
    {
        Directory.CreateDirectory(paths.Out);
        Compile("cc", ["-O2", "-o", runMeasured, Path.Combine(paths.Root, "bench", "run_measured.c")]);
        // One word for CC (some build scripts quote "$CC" as the command): cc with -fsanitize=address.
        var asanCc = Path.Combine(paths.Out, "asan-cc");
        File.WriteAllText(asanCc, "#!/bin/sh\nexec cc -fsanitize=address \"$@\"\n");
        if (!OperatingSystem.IsWindows())   // the suite runs on Linux only (run_measured, /proc); the guard is for the analyser
            File.SetUnixFileMode(asanCc, File.GetUnixFileMode(asanCc) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        foreach (var (stem, source) in new[] { ("binary_trees", "binary_trees.c"), ("churn", "malloc_churn.c"), ("hello", "hello.c"), ("casts", "cast_checks.c") })
            BuildLocal(stem, Path.Combine(paths.Root, "bench", source));

        // A workload whose program does not build in some variant is left out (with a warning), not the whole suite.
        var buildable = selected.Where(w => Variants.All(v => BuildReal(w, v, asanCc))).ToList();
        foreach (var w in selected.Except(buildable))
            warn.WriteLine($"bench: leaving out {w.Name}");
        if (buildable.Count == 0)
        {
            warn.WriteLine("bench: no workload could be built");
            return 1;
        }
        BenchInputs.Text(paths.Text, 20 * 1048576);
        BenchInputs.Json(paths.Json, 28_000_000);

        var table = Workloads(buildable);
        var startup = Startup();
        var first = FirstReport();
        var perCheck = PerCheck();
        var churn = Churn();
        var build = quick ? "skipped (--quick)" : BuildTime();
        WriteResults(table, startup, first, perCheck, churn, build);
        say.WriteLine("bench: wrote bench/RESULTS.md");
        if (unmeasured > 0)
            warn.WriteLine($"bench: {unmeasured} measurement(s) gave no number (said above; \"not measured\" in the results)");
        return unmeasured > 0 ? 1 : 0;
    }

    // ---- builds ----

    private void Compile(string compiler, IReadOnlyList<string> args)
    {
        var r = ProcessRunner.Run(compiler, args, paths.Root, timeoutSeconds: 600);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{compiler} {string.Join(" ", args)} failed:\n{r.All}");
    }

    private void BuildLocal(string stem, string source)
    {
        var allocscc = Path.Combine(paths.Root, "bin", "allocscc");
        var o = Path.Combine(paths.Out, stem);
        Compile("cc", ["-O2", "-g", "-o", o + ".plain", source]);
        Compile(allocscc, ["-O2", "-g", "-o", o + ".checked", source]);
        Compile("cc", ["-O2", "-g", "-fsanitize=address", "-o", o + ".asan", source]);
    }

    // Whether w's binary in v exists, after building it if missing (its corpus/real script, which runs its tests too).
    private bool BuildReal(Workload w, Variant v, string asanCc)
    {
        if (w.Program is null || File.Exists(paths.Binary(w, v)))
            return true;
        say.WriteLine($"bench: building {w.Program} ({v.ToString().ToLowerInvariant()}), its tests run too...");
        var corpus = new RealPrograms(Path.Combine(paths.Root, "corpus", "real"), paths.RealWork(v),
            sources: Path.Combine(paths.Root, "artifacts", "real", "sources"));
        // The ASan build runs tools it built (SQLite's lemon, configure's probes): a leak they leave must not fail it.
        corpus.Run(w.Program, _ => { }, plain: v != Variant.Checked, compiler: v == Variant.Asan ? asanCc : null,
            extraEnvironment: new Dictionary<string, string?> { ["ASAN_OPTIONS"] = AsanOptions });
        if (File.Exists(paths.Binary(w, v)))
            return true;
        warn.WriteLine($"bench: could not build {w.Program} ({v.ToString().ToLowerInvariant()}): see {Path.Combine(paths.RealWork(v), v == Variant.Checked ? "" : "plain", w.Program + ".log")}");
        return false;
    }

    // ---- measuring ----

    /// <summary>One timed run: wall seconds and peak resident set (KiB) of the command and its children, measured by
    /// bench/run_measured.c (getrusage of the waited-for child); null when it failed.</summary>
    private (double Seconds, long Kib)? Measure(IReadOnlyList<string> command, string? options = null, string? preload = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = preload,
            ["LIBALLOCS_OPTIONS"] = options,
            ["ASAN_OPTIONS"] = AsanOptions,
            ["RUN_MEASURED_QUIET"] = "1",
        };
        var r = ProcessRunner.Run(runMeasured, command, paths.Root, environment, timeoutSeconds: 1800);
        var words = r.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (r.ExitCode != 0 || words.Length != 2)
            return null;
        return (double.Parse(words[0], inv), long.Parse(words[1], inv));
    }

    // Leaks are not what is measured; LeakSanitizer's exit status would fail runs.
    private const string AsanOptions = "detect_leaks=0";

    private string? OptionsOf(Workload w) => paths.Suppressions(w) is { } s ? $"suppressions={s}" : null;

    /// <summary>The median (the mean of the middle two for an even count); NaN for none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : (v[(v.Length - 1) / 2] + v[v.Length / 2]) / 2;
    }

    private string Workloads(IReadOnlyList<Workload> selected)
    {
        say.WriteLine($"== workloads: {runs} interleaved runs each (plain, checked, ASan) ==");
        var times = new Dictionary<(string, Variant), List<double>>();
        var rss = new Dictionary<(string, Variant), List<double>>();
        for (var i = 0; i < runs; i++)
        {
            foreach (var w in selected)
            {
                foreach (var v in Variants)
                {
                    // A failed run is no measurement (a build that crashes early would look fast): left out, with a warning.
                    if (Measure(w.Command(paths.Binary(w, v), paths), v == Variant.Checked ? OptionsOf(w) : null) is { } m)
                    {
                        Add(times, (w.Name, v), m.Seconds);
                        Add(rss, (w.Name, v), m.Kib);
                    }
                    else
                        warn.WriteLine($"bench: {w.Name} ({v.ToString().ToLowerInvariant()}) failed in a run; that run is left out");
                }
            }
        }

        var table = new StringBuilder("""
            | workload | plain | checked | ASan | peak RSS plain / checked / ASan (MiB) | checks | answered by the caches |
            |---|---:|---:|---:|---:|---:|---:|
            """).Append('\n');
        var logChecked = 0.0;
        var logAsan = 0.0;
        var measured = 0;
        (string Name, double Ratio) worst = ("", 0);
        foreach (var w in selected)
        {
            double T(Variant v) => Median(times.GetValueOrDefault((w.Name, v)) ?? []);
            double M(Variant v) => Median(rss.GetValueOrDefault((w.Name, v)) ?? []) / 1024;
            var (p, c, a) = (T(Variant.Plain), T(Variant.Checked), T(Variant.Asan));
            if (double.IsNaN(p) || double.IsNaN(c) || double.IsNaN(a))
            {
                unmeasured++;
                table.Append($"| {w.Name} | every run of some variant failed | | | | | |\n");
                continue;
            }
            var (begun, cached) = Checks(w);
            var share = begun > 0 ? string.Format(inv, "{0:F1}%", 100.0 * cached / begun) : "-";
            table.Append(string.Format(inv, "| {0} | {1:F3} s | {2:F2}x | {3:F2}x | {4:F0} / {5:F0} / {6:F0} | {7} | {8} |\n",
                w.Name, p, c / p, a / p, M(Variant.Plain), M(Variant.Checked), M(Variant.Asan), begun, share));
            logChecked += Math.Log(c / p);
            logAsan += Math.Log(a / p);
            measured++;
            if (c / p > worst.Ratio)
                worst = (w.Name, c / p);
        }
        var n = Math.Max(measured, 1);
        table.Append(string.Format(inv, "| geometric mean | | {0:F2}x | {1:F2}x | | | |", Math.Exp(logChecked / n), Math.Exp(logAsan / n)));
        say.WriteLine(table);
        say.WriteLine(string.Format(inv, "slowest checked workload: {0} ({1:F2}x)", worst.Name, worst.Ratio));
        return table.ToString();
    }

    private static void Add<TKey>(Dictionary<TKey, List<double>> d, TKey key, double value) where TKey : notnull
    {
        if (!d.TryGetValue(key, out var list))
            d[key] = list = [];
        list.Add(value);
    }

    // Check counts: one more checked run, its summary logged as JSON (every process of a pipeline writes its own) and read as
    // `liballocs report` reads it: checks begun, and those the caches passed.
    private (long Begun, long Cached) Checks(Workload w)
    {
        var logs = Path.Combine(paths.Out, "summaries", w.Name);
        if (Directory.Exists(logs))
            Directory.Delete(logs, recursive: true);
        Directory.CreateDirectory(logs);
        var options = $"print_summary=1:report_format=json:log_path={Path.Combine(logs, "report")}";
        if (OptionsOf(w) is { } o)
            options += ":" + o;
        if (Measure(w.Command(paths.Binary(w, Variant.Checked), paths), options) is null)
            warn.WriteLine($"bench: {w.Name}: the run counting its checks failed; its counts are those of the summaries it wrote");
        try
        {
            var log = ReportLog.Read([logs]);
            return (log.Checks, log.PassedViaCache);
        }
        catch (ReportInputException e)
        {
            warn.WriteLine($"bench: {w.Name}: unusable summaries: {e.Message}");
            return (0, 0);
        }
    }

    // A run's seconds, or null after a warning: a failed run is no measurement (a build that crashes early would look fast).
    private double? Seconds(string what, IReadOnlyList<string> command, string? options = null, string? preload = null)
    {
        if (Measure(command, options, preload) is { } m)
            return m.Seconds;
        warn.WriteLine($"bench: {what} failed in a run; that run is left out");
        return null;
    }

    // Whether every median is a number; otherwise the section is said and counted as not measured.
    private bool Measured(string what, params double[] medians)
    {
        if (medians.All(double.IsFinite))
            return true;
        warn.WriteLine($"bench: {what}: every run of some variant failed; not measured");
        unmeasured++;
        return false;
    }

    private const string NotMeasured = "not measured (every run of some variant failed)";

    // Start-up per process: 200 runs of hello in a shell loop per variant, interleaved, median of 3 rounds; its check answered by
    // the C layer alone, and (with an argument) by the runtime, which then starts.
    private string Startup()
    {
        say.WriteLine("== start-up (200 processes per variant, median of 3 interleaved rounds) ==");
        var kinds = new (string Name, string Binary, string[] Args)[]
        {
            ("plain", "hello.plain", []), ("checked", "hello.checked", []), ("asan", "hello.asan", []), ("runtime", "hello.checked", ["runtime"]),
        };
        var ms = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        for (var round = 0; round < 3; round++)
        {
            foreach (var k in kinds)
            {
                var loop = "b=$0; i=0; while [ $i -lt 200 ]; do \"$b\" \"$@\" > /dev/null || exit 1; i=$((i + 1)); done";
                if (Seconds($"start-up ({k.Name})", ["sh", "-c", loop, Path.Combine(paths.Out, k.Binary), .. k.Args]) is { } t)
                    ms[k.Name].Add(t * 1000 / 200);
            }
        }
        var (sp, sc, sa, sr) = (Median(ms["plain"]), Median(ms["checked"]), Median(ms["asan"]), Median(ms["runtime"]));
        var line = !Measured("start-up", sp, sc, sa, sr) ? NotMeasured : string.Format(inv,
            "plain {0:F2} ms, checked {1:F2} ms (+{2:F2} ms) with its check answered by the C layer, {3:F2} ms (+{4:F2} ms) with the runtime started by a check, ASan {5:F2} ms (+{6:F2} ms) per process",
            sp, sc, sc - sp, sr, sr - sp, sa, sa - sp);
        say.WriteLine(line);
        return line;
    }

    // The first report: one failing check against one passing check the runtime answers, a process each (median of 20
    // interleaved pairs).
    private string FirstReport()
    {
        say.WriteLine("== the first report (ms: a run printing one report minus a run whose one check the runtime passes) ==");
        var fail = new List<double>();
        var passed = new List<double>();
        var casts = Path.Combine(paths.Out, "casts.checked");
        for (var i = 0; i < 20; i++)
        {
            if (Seconds("the first report (a failing check)", [casts, "fail", "1"]) is { } f)
                fail.Add(f * 1000);
            if (Seconds("the first report (a passing check)", [casts, "reused", "1"]) is { } r)
                passed.Add(r * 1000);
        }
        var (mf, mp) = (Median(fail), Median(passed));
        var line = !Measured("the first report", mf, mp) ? NotMeasured
            : string.Format(inv, "{0:F1} ms ({1:F1} ms with the report, {2:F1} ms without)", mf - mp, mf, mp);
        say.WriteLine(line);
        return line;
    }

    [GeneratedRegex(@": ([0-9.]+) ns per iteration")]
    private static partial Regex NsPerIteration();

    // One check in each way a check is answered: ns per loop iteration of bench/cast_checks.c, checked minus plain, median of 3
    // interleaved pairs.
    private string PerCheck()
    {
        say.WriteLine("== cost of one check (ns: checked loop minus plain loop, median of 3) ==");
        var modes = new (string Mode, string What)[]
        {
            ("hit", "the inline cache (the same object again)"),
            ("seen", "the second level of the fact cache (64 objects inside their chunks in turn, each checked before)"),
            ("known", "the allocation site's type (8192 chunks in turn, at their base, cast to the type they were allocated as)"),
            ("reused", "a reused verdict (the same chunks, cast to their first member's type)"),
            ("fail", "a reused verdict (a repeated failure, counted)"),
            ("unknown", "the runtime (unknown storage)"),
        };
        var table = new StringBuilder("| answered by | ns per check |\n|---|---:|");
        foreach (var (mode, what) in modes)
        {
            var iterations = mode == "unknown" ? "1000000" : "10000000";
            var ns = new Dictionary<string, List<double>> { ["plain"] = [], ["checked"] = [] };
            for (var i = 0; i < 3; i++)
            {
                foreach (var (variant, values) in ns)
                {
                    var r = ProcessRunner.Run(Path.Combine(paths.Out, "casts." + variant), [mode, iterations], paths.Root, timeoutSeconds: 600);
                    if (r.ExitCode == 0 && NsPerIteration().Match(r.Stdout) is { Success: true } m)
                        values.Add(double.Parse(m.Groups[1].Value, inv));
                    else
                        warn.WriteLine($"bench: cast_checks {mode} ({variant}) failed in a run; that run is left out");
                }
            }
            var (c, p) = (Median(ns["checked"]), Median(ns["plain"]));
            table.Append(Measured($"one check ({mode})", c, p) ? string.Format(inv, "\n| {0} | {1:F1} |", what, c - p) : $"\n| {what} | not measured |");
        }
        say.WriteLine(table);
        return table.ToString();
    }

    // malloc + free: malloc_churn makes about 7000 pairs per round; 300 rounds, the quarantine off and the defaults, median of 5.
    private string Churn()
    {
        say.WriteLine("== malloc + free overhead (malloc_churn 300 rounds = 2.1 M pairs; quarantine off and default; median of 5) ==");
        var kinds = new (string Name, string Binary, string? Options)[]
        {
            ("plain", "churn.plain", null), ("off", "churn.checked", "quarantine_size_mb=0"), ("default", "churn.checked", null), ("asan", "churn.asan", null),
        };
        var seconds = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        for (var i = 0; i < 5; i++)
        {
            foreach (var k in kinds)
            {
                if (Seconds($"malloc-churn ({k.Name})", [Path.Combine(paths.Out, k.Binary), "300"], k.Options) is { } t)
                    seconds[k.Name].Add(t);
            }
        }
        var plain = Median(seconds["plain"]);
        var line = string.Join("; ", kinds.Skip(1).Select(k =>
        {
            var t = Median(seconds[k.Name]);
            return !Measured($"malloc + free ({k.Name})", plain, t) ? $"{k.Name}: not measured"
                : string.Format(inv, "{0}: +{1:F1} ns per pair ({2:F2}x)", k.Name, (t - plain) * 1e9 / (300 * 7000), t / plain);
        }));
        say.WriteLine(line);
        return line;
    }

    // Build time: SQLite's amalgamation, -O2 -c, once each.
    private string BuildTime()
    {
        var amalgamation = Path.Combine(Path.GetDirectoryName(paths.Binary(Workload.All.Single(w => w.Name == "sqlite"), Variant.Checked))!, "sqlite3.c");
        if (!File.Exists(amalgamation))
            return "not measured: SQLite's checked build (its amalgamation) is missing";
        say.WriteLine("== build time: sqlite3.c (-O2 -c, once each) ==");
        string? failed = null;
        double Seconds(string compiler, string[] flags, string variant)
        {
            var start = Stopwatch.GetTimestamp();
            var r = ProcessRunner.Run(compiler, [.. flags, "-O2", "-DSQLITE_DEFAULT_LOOKASIDE=0,0", "-I", Path.GetDirectoryName(amalgamation)!, "-c",
                amalgamation, "-o", Path.Combine(paths.Out, $"sqlite3.{variant}.o")], paths.Root, timeoutSeconds: 3600);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (r.ExitCode != 0)
                failed ??= $"{Path.GetFileName(compiler)} {string.Join(" ", flags)}".TrimEnd() + (r.TimedOut ? " ran out of time" : $" failed: {r.Stderr.Split('\n')[0]}");
            return elapsed;
        }
        var plain = Seconds("cc", [], "plain");
        var checkedBuild = Seconds(Path.Combine(paths.Root, "bin", "allocscc"), [], "checked");
        var asan = Seconds("cc", ["-fsanitize=address"], "asan");
        string line;
        if (failed is not null)
        {
            warn.WriteLine($"bench: build time: {failed}");
            unmeasured++;
            line = $"not measured: {failed}";
        }
        else
            line = string.Format(inv, "cc {0:F1} s, allocscc {1:F1} s ({2:F2}x), cc -fsanitize=address {3:F1} s ({4:F2}x)",
                plain, checkedBuild, checkedBuild / plain, asan, asan / plain);
        say.WriteLine(line);
        return line;
    }

    // ---- glibc's allocator built standalone against the system's ----

    /// <summary>The allocation-bound workloads and SQLite's speedtest1, plain and checked, each on the system's allocator and
    /// with libglibc_malloc.so preloaded (beneath libliballocs.so in checked runs), interleaved; median wall times and their
    /// ratio into bench/GLIBC_MALLOC.md. Needs the suite's builds (a run of the suite first).</summary>
    private int CompareGlibcMalloc()
    {
        var lib = Path.Combine(paths.Root, "artifacts", "lib");
        var standalone = Path.Combine(lib, "libglibc_malloc.so");
        if (!File.Exists(standalone))
        {
            warn.WriteLine("bench: artifacts/lib/libglibc_malloc.so is missing: run bin/liballocs glibc-malloc first");
            return 1;
        }
        Workload Named(string name) => Workload.All.Single(w => w.Name == name);
        var (churn, trees, sqlite) = (Named("malloc-churn"), Named("binary-trees"), Named("sqlite"));
        var workloads = new (string Name, Workload Workload, Variant Variant)[]
        {
            ("malloc-churn 300 rounds", churn, Variant.Plain), ("malloc-churn, checked", churn, Variant.Checked),
            ("binary-trees 18", trees, Variant.Plain),
            ("SQLite speedtest1 --size 20 --memdb", sqlite, Variant.Plain), ("SQLite speedtest1, checked", sqlite, Variant.Checked),
        };
        var missing = workloads.Select(w => paths.Binary(w.Workload, w.Variant)).Append(runMeasured).Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            warn.WriteLine($"bench: {string.Join(", ", missing)} missing: run bin/bench first");
            return 1;
        }
        var times = new Dictionary<(int, bool), List<double>>();
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < workloads.Length; i++)
            {
                var (_, w, v) = workloads[i];
                foreach (var onStandalone in new[] { false, true })
                {
                    var preload = !onStandalone ? null : v == Variant.Checked ? $"{Path.Combine(lib, "libliballocs.so")} {standalone}" : standalone;
                    if (Seconds($"{workloads[i].Name} ({(onStandalone ? "libglibc_malloc.so" : "system malloc")})",
                            w.Command(paths.Binary(w, v), paths), v == Variant.Checked ? OptionsOf(w) : null, preload) is { } t)
                        Add(times, (i, onStandalone), t);
                }
            }
        }
        var glibc = FirstLine("ldd", ["--version"]).Split(' ').LastOrDefault() ?? "?";
        var text = new StringBuilder("# glibc's allocator built standalone against the system's\n\n")
            .Append(string.Format(inv, "{0:yyyy-MM-dd HH:mm} UTC, {1} cores, {2}, glibc {3};\n", DateTime.UtcNow, Environment.ProcessorCount,
                FirstLine("uname", ["-r"]), glibc))
            .Append($"median of {runs} interleaved runs (system, standalone, system, ...), wall seconds (`liballocs bench --glibc-malloc`).\n\n")
            .Append("| workload | system malloc | libglibc_malloc.so | ratio |\n| --- | ---: | ---: | ---: |\n");
        for (var i = 0; i < workloads.Length; i++)
        {
            var (system, own) = (Median(times.GetValueOrDefault((i, false)) ?? []), Median(times.GetValueOrDefault((i, true)) ?? []));
            text.Append(Measured(workloads[i].Name, system, own)
                ? string.Format(inv, "| {0} | {1:F3} | {2:F3} | {3:F2}x |\n", workloads[i].Name, system, own, own / system)
                : $"| {workloads[i].Name} | {NotMeasured} | | |\n");
        }
        File.WriteAllText(Path.Combine(paths.Root, "bench", "GLIBC_MALLOC.md"), text.ToString());
        say.Write(text);
        return unmeasured > 0 ? 1 : 0;
    }

    // The first line a command prints ("unknown" when it cannot run: the results are worth writing without it).
    private string FirstLine(string file, IReadOnlyList<string> args)
    {
        try
        {
            return ProcessRunner.Run(file, args, paths.Root).Stdout.Split('\n')[0].Trim() is { Length: > 0 } line ? line : "unknown";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    // ---- bench/RESULTS.md ----

    private void WriteResults(string table, string startup, string first, string perCheck, string churn, string build)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var memKib = File.ReadLines("/proc/meminfo").Select(l => l.Split(':', 2)).Where(p => p[0] == "MemTotal")
            .Select(p => long.Parse(p[1].Trim().Split(' ')[0], inv)).FirstOrDefault();
        var commit = FirstLine("git", ["-C", paths.Root, "rev-parse", "--short", "HEAD"]);
        var text = new StringBuilder()
            .Append("# Benchmark results\n\n")
            .Append(string.Format(inv, "Written by `liballocs bench` on {0:yyyy-MM-dd HH:mm} UTC: {1}, {2}, {3} cores,\n",
                DateTime.UtcNow, FirstLine("uname", ["-srm"]), cpu ?? "unknown CPU", Environment.ProcessorCount))
            .Append(string.Format(inv, "{0:F0} GiB of memory; {1}; commit\n", memKib / 1048576.0, FirstLine("cc", ["--version"])))
            .Append($"{commit}. Times are medians of {runs} interleaved runs\n")
            .Append("(plain, checked, ASan, ...) in one session; ratios are to the plain build of the same run. \"Checks\" counts the\n")
            .Append("casts the checked build checked in one more run, \"answered by the caches\" those the inline cache, the C layer's\n")
            .Append("points or a reused verdict answered without the runtime (checks/README.md, \"How a check is answered\").\n\n")
            .Append(table).Append("\n\n")
            .Append($"Start-up: {startup}.\n\n")
            .Append($"The first report (bench/cast_checks.c, one failing check against one passing check the runtime answers): {first}.\n\n")
            .Append("One check, checked loop minus plain loop (bench/cast_checks.c):\n\n")
            .Append(perCheck).Append("\n\n")
            .Append($"malloc + free (bench/malloc_churn.c), checked with the quarantine off, with the defaults, and ASan: {churn}.\n\n")
            .Append($"Build time of SQLite's amalgamation: {build}.\n");
        File.WriteAllText(Path.Combine(paths.Root, "bench", "RESULTS.md"), text.ToString());
    }
}
