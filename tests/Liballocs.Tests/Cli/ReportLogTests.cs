// liballocs report's reader and verdicts, on logs written as the runtime writes them.
using Liballocs.Cli.Report;
using Liballocs.Tests.Support;
using static Liballocs.Tests.Cli.ReportLines;

namespace Liballocs.Tests.Cli;

public sealed class ReportLogTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("liballocs-report");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Log(string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private (int Status, string Out, string Err) Run(ReportRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = ReportCommand.Run(request, output, error);
        return (status, output.ToString(), error.ToString());
    }

    [Fact]
    public void The_checks_the_caches_passed_are_summed_over_the_processes_summaries()
    {
        var log = ReportLog.Read([Log("report.1", Summary(10, 0, viaCache: 7)), Log("report.2", Summary(20, 0, viaCache: 5))]);
        Assert.Equal((30L, 12L), (log.Checks, log.PassedViaCache));
    }

    [Fact]
    public void One_finding_met_by_three_processes_is_one_finding_with_their_total_count()
    {
        var r = Merge([BadCast(), Summary(10, 1, Entry(2))], [BadCast(), Summary(20, 2, Entry(3), program: "/t/other")],
            [BadCast(), Summary(30, 0, Entry(1))]);
        var f = Assert.Single(r.Ordered);
        Assert.Equal(6, f.Count);
        Assert.Equal(3, f.Processes);
        Assert.Equal(["/t/other", "/t/prog"], f.Programs);
        Assert.Equal(["f a.c:3:7", "main m.c:9:3"], f.Stack.Select(s => s.AsFrame));
        Assert.Equal((3, 60L, 3L), (r.Log.Processes, r.Log.Checks, r.Log.UnknownStorage));
        Assert.Equal(3, r.Log.UnknownCauses["no record"]);
        Assert.Equal([("u.c:4:2", "no record", 3L)], r.Log.UnknownSites.Select(u => (u.Cast.ToString(), u.Cause, u.Count)));
        Assert.Contains("casts meeting unknown storage most often (at least):\n    3x u.c:4:2 in load (no record)\n", TextSummary.Format(r));
        Assert.Equal(1, r.ExitStatus);
    }

    [Fact]
    public void Findings_differ_by_allocation_site_and_type_and_come_most_frequent_first()
    {
        var other = Place("b.c", 8, 4, "make_other");
        var r = Merge([BadCast(), BadCast(site: other, type: "long"), Summary(10, 0, $"{Entry(1)},{Entry(9, site: other, type: "long")}")]);
        Assert.Equal([9L, 1L], r.Ordered.Select(f => f.Count));
        Assert.Equal(["long", "int"], r.Ordered.Select(f => f.AllocationType));
        Assert.Equal("bad-cast (is_a) to 'double *' at a.c:3:7 in f: met 'long' allocated at b.c:8:4", r.Ordered[0].Title(r.SourceRoot));
    }

    [Fact]
    public void A_process_that_died_before_its_summary_counts_its_report_lines_and_the_truncated_line_is_named()
    {
        var path = Log("report.41", BadCast(), """{"format_version":1,"kind":"bad-c""");
        var log = ReportLog.Read([path]);
        Assert.Equal((0, 1), (log.Processes, log.ProcessesWithoutSummary));
        Assert.Equal(1, Assert.Single(log.Findings).Count);
        Assert.Equal(1, log.MalformedLines);
        Assert.StartsWith($"{path}:2: skipped a line that is not a complete report", Assert.Single(log.Problems));
    }

    [Fact]
    public void A_corrupt_line_is_skipped_and_named_with_its_file_and_line_and_the_rest_is_read()
    {
        var path = Log("report.42", BadCast(), "{\"format_version\":1,\"kind\":\"summary\",\"checks_begun\":\"x\"}", Summary(5, 0, Entry(1)));
        var (status, output, error) = Run(new ReportRequest([path], Quiet: true));
        Assert.Equal(1, status);
        Assert.Contains($"liballocs report: warning: {path}:2: skipped a line that is not a complete report", error);
        Assert.Equal("1 finding: 1 failing, 0 suppressed\n", output);
        (_, output, _) = Run(new ReportRequest([path]));
        Assert.Contains("1x bad-cast (is_a) to 'double *' at a.c:3:7", output);
        Assert.Contains("1 process with a summary", output);
    }

    [Fact]
    public void A_corrupt_first_line_is_skipped_like_any_other()
    {
        var path = Log("report.47", "\0\0\0{\"format_version\":1,\"kind\"", BadCast(), Summary(5, 0, Entry(1)));
        var log = ReportLog.Read([path]);
        Assert.Equal((1, 1), (log.Processes, log.MalformedLines));
        Assert.Single(log.Findings);
    }

    [Fact]
    public void A_finding_one_process_suppressed_and_another_did_not_still_fails()
    {
        var r = Merge([Summary(10, 0, "", Entry(3))], [BadCast(), Summary(10, 0, Entry(1))]);
        var f = Assert.Single(r.Ordered);
        Assert.Equal(4, f.Count);
        Assert.Null(f.Suppression);
        Assert.Equal(1, r.ExitStatus);
        Assert.Equal("suppressed at run time", Assert.Single(Merge([Summary(10, 0, "", Entry(3))]).Ordered).Suppression);
    }

    [Fact]
    public void Chunks_of_one_site_that_differ_in_element_count_are_one_finding()
    {
        static string WithArray(string line, int n) => line.Replace("\"allocation_type\":\"int\",", $"\"allocation_type\":\"int[{n}]\",");
        var r = Merge([WithArray(BadCast(), 3), Summary(1, 0, WithArray(Entry(1), 3))], [WithArray(BadCast(), 5), Summary(1, 0, WithArray(Entry(1), 5))]);
        var f = Assert.Single(r.Ordered);
        Assert.Equal((2L, "int[3]", "int"), (f.Count, f.AllocationType, f.Key.AllocationElementType));
    }

    [Fact]
    public void Fingerprints_do_not_depend_on_the_order_logs_are_read()
    {
        var siteA = Place("a.c", 1, 12, "make");
        var siteB = Place("a.c", 2, 12, "make");   // same file and function, another line: alike but for the line
        string[] one = [BadCast(site: siteA), Summary(1, 0, Entry(1, site: siteA))];
        string[] two = [BadCast(site: siteB), Summary(1, 0, Entry(1, site: siteB))];
        static Dictionary<int, string> Fingerprints(MergedReport r) => r.Ordered.ToDictionary(f => f.Key.AllocationSite!.Line, f => f.Fingerprint);
        var forward = Fingerprints(Merge(one, two));
        Assert.Equal(forward, Fingerprints(Merge(two, one)));
        Assert.NotEqual(forward[1], forward[2]);
    }

    [Fact]
    public void An_unknown_option_and_a_baseline_with_a_null_fingerprint_are_unusable_input()
    {
        var log = Log("report.48", Summary(1, 0));
        var (status, _, error) = Run(new ReportRequest([log, "--bogus"]));
        Assert.Equal(2, status);
        Assert.Contains("unknown option --bogus", error);
        var baseline = Log("null.json", "{\"findings\":[{\"fingerprint\":null,\"title\":\"x\"}]}");
        (status, _, error) = Run(new ReportRequest([log], Baseline: baseline));
        Assert.Equal(2, status);
        Assert.Contains("not a baseline", error);
    }

    [Fact]
    public void Paths_relative_to_another_compile_directory_are_found_below_the_source_root()
    {
        Directory.CreateDirectory(Path.Combine(dir, "src", "lib"));
        File.WriteAllText(Path.Combine(dir, "src", "lib", "a.c"), "x\ny\n  double *d = (double *) p;\n");
        var root = SourceRoot.At(dir);
        Assert.Equal("src/lib/a.c", root.Relative("../../src/lib/a.c"));   // compiled out of tree
        Assert.Equal("src/lib/a.c", root.Relative("lib/a.c"));             // compiled in src/ by a recursive make
        Assert.Equal("src/lib/a.c", root.Relative("src/lib/a.c"));
        Assert.Equal("nowhere.c", root.Relative("nowhere.c"));
        Assert.Equal(["nowhere.c"], root.Unresolved);
        var log = new ReportLog();
        var (found, lost) = (Place("lib/a.c", 3, 15, "f"), Place("gone/b.c", 4, 1, "g"));
        log.Add([BadCast(location: found), BadCast(location: lost), Summary(1, 0, $"{Entry(2, location: found)},{Entry(1, location: lost)}")]);
        var r = MergedReport.Of(log, [], SourceRoot.At(dir), null);
        Assert.StartsWith("bad-cast (is_a) to 'double *' at src/lib/a.c:3:15 in f", r.Ordered[0].Title(r.SourceRoot));
        Assert.StartsWith($"gone/b.c: no such file below the source root {dir}", Assert.Single(r.Warnings));
    }

    [Fact]
    public void An_exec_d_over_process_keeps_its_reports_beside_the_summary_of_the_process_that_replaced_it()
    {
        var earlier = Place("a.c", 4, 7, "f");
        var r = Merge([BadCast(location: earlier), BadCast(), Summary(10, 0, Entry(2))]);
        Assert.Equal((1, 1), (r.Log.Processes, r.Log.ProcessesWithoutSummary));
        Assert.Equal([(3, 2L), (4, 1L)], r.Ordered.Select(f => (f.Key.Cast.Line, f.Count)).OrderBy(p => p.Line));
    }

    [Fact]
    public void Overwritten_heap_metadata_is_a_finding_of_its_own_with_its_own_rule()
    {
        var r = Merge([Damage(), Summary(2, 2)]);
        var f = Assert.Single(r.Ordered);
        Assert.Equal(("heap-metadata-overwritten", 1L), (ReportRules.IdOf(f.Key), f.Count));
        Assert.True(f.Fails);
    }

    [Fact]
    public void A_log_of_a_newer_format_is_refused_with_a_clear_message_and_status_2()
    {
        var path = Log("report.43", BadCast().Replace("\"format_version\":1", "\"format_version\":2"));
        var (status, output, error) = Run(new ReportRequest([path]));
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Equal($"liballocs report: {path}:1: report log format 2 is newer than this liballocs reads (1); use the liballocs that wrote it\n", error);
    }

    [Fact]
    public void A_text_log_is_refused_as_not_json()
    {
        var path = Log("report.44", "/src/a.c:3:7: runtime error: bad cast to 'double *' (is_a)");
        var (status, _, error) = Run(new ReportRequest([path]));
        Assert.Equal(2, status);
        Assert.Contains("not a JSON Lines report log (was report_format=json set?)", error);
    }

    [Fact]
    public void A_missing_path_or_a_file_that_is_no_log_exits_2()
    {
        var missing = Path.Combine(dir, "nothing-here");
        var (status, _, error) = Run(new ReportRequest([missing]));
        Assert.Equal(2, status);
        Assert.Contains($"{missing}: no such file or directory, and no log_path files {missing}.PID", error);
        var garbage = Path.Combine(dir, "core.46");
        File.WriteAllBytes(garbage, [0x7f, 0x45, 0x4c, 0x46, 0x00]);
        Assert.Equal(2, Run(new ReportRequest([garbage])).Status); // binary garbage is not a JSON log
    }

    [Fact]
    public void Logs_of_no_process_at_all_are_no_verdict_and_exit_2()
    {
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        var (status, output, error) = Run(new ReportRequest([Path.Combine(dir, "empty")]));
        Assert.Equal((2, ""), (status, output));
        Assert.Contains("print_summary=1", error);
        // A process that met no error but wrote its summary is a verdict: checked and fine.
        Assert.Equal(0, Run(new ReportRequest([Log("report.9", Summary(0, 0))])).Status);
    }

    [Fact]
    public void A_log_path_prefix_names_its_pid_files_and_a_directory_every_log_below_it()
    {
        Log("report.1", Summary(1, 0));
        Log("report.2", Summary(2, 0));
        Log("report.txt", "not a log");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        Log("sub/other.3", Summary(4, 0));
        Assert.Equal(3, ReportLog.Read([Path.Combine(dir, "report")]).Checks);
        Assert.Equal(7, ReportLog.Read([dir]).Checks);
        Assert.Equal(7, ReportLog.Read([dir, Path.Combine(dir, "report")]).Checks); // each file once
    }

    [Fact]
    public void No_findings_exit_0_and_all_suppressed_exit_0_with_the_rule_named()
    {
        var clean = Log("report.50", Summary(10, 0));
        Assert.Equal(0, Run(new ReportRequest([clean])).Status);
        var bad = Log("report.51", BadCast(), Summary(10, 0, Entry(1)));
        var rules = Path.Combine(dir, "known.supp");
        File.WriteAllText(rules, "# triaged\ncast:a.c:3\n");
        var (status, output, _) = Run(new ReportRequest([clean, bad], Suppressions: [rules]));
        Assert.Equal(0, status);
        Assert.Contains($"[suppressed by {rules}:2: cast:a.c:3]", output);
        Assert.EndsWith("1 finding: 0 failing, 1 suppressed\n", output);
        // Suppressed when the program ran (its own suppressions option): counts as suppressed too.
        var atRunTime = Log("report.52", Summary(10, 0, "", Entry(4)));
        Assert.Equal(0, Run(new ReportRequest([atRunTime])).Status);
    }

    [Fact]
    public void A_malformed_suppressions_file_is_unusable_input()
    {
        var bad = Log("report.53", BadCast(), Summary(10, 0, Entry(1)));
        var rules = Path.Combine(dir, "broken.supp");
        File.WriteAllText(rules, "colour:red\n");
        var (status, _, error) = Run(new ReportRequest([bad], Suppressions: [rules]));
        Assert.Equal(2, status);
        Assert.Contains($"{rules}:1: unknown field 'colour'", error);
    }

    [Fact]
    public void A_baseline_passes_known_findings_fails_new_ones_and_names_the_disappeared()
    {
        var old = Place("old.c", 2, 2, "gone");
        var before = Log("report.60", BadCast(), BadCast(location: old), Summary(10, 0, $"{Entry(1)},{Entry(1, location: old)}"));
        var baseline = Path.Combine(dir, "baseline.sarif");
        Assert.Equal(1, Run(new ReportRequest([before], Sarif: baseline)).Status);
        File.Delete(before);

        var same = Log("report.61", BadCast(), Summary(10, 0, Entry(3)));
        var (status, output, _) = Run(new ReportRequest([same], Baseline: baseline));
        Assert.Equal(0, status);
        Assert.Contains("[in baseline]", output);
        Assert.Contains("1 baseline finding no longer seen:\n    bad-cast (is_a) to 'double *' at old.c:2:2 in gone: met 'int' allocated at a.c:1:12\n", output);

        var newer = Place("a.c", 30, 1, "g");
        Log("report.62", BadCast(location: newer), Summary(10, 0, Entry(1, location: newer)));
        var json = Path.Combine(dir, "now.json");
        (status, output, _) = Run(new ReportRequest([dir], Baseline: baseline, Json: json));
        Assert.Equal(1, status);
        Assert.Contains("at a.c:30:1 in g: met 'int' allocated at a.c:1:12 [new]", output);
        Assert.EndsWith("2 findings: 1 failing, 0 suppressed, 1 in the baseline\n", output);
        // The JSON output is a baseline too.
        Assert.Equal(0, Run(new ReportRequest([dir], Baseline: json)).Status);
    }

    [Fact]
    public void A_baseline_that_is_not_one_is_unusable_input()
    {
        var log = Log("report.63", Summary(1, 0));
        var notBaseline = Log("junk.json", "{\"hello\":1}");
        Assert.Equal(2, Run(new ReportRequest([log], Baseline: notBaseline)).Status);
        Assert.Equal(2, Run(new ReportRequest([log], Baseline: Path.Combine(dir, "absent.sarif"))).Status);
    }

    [Fact]
    public void Fingerprints_ignore_line_numbers_and_addresses_but_not_the_cast_or_its_types()
    {
        var src = Path.Combine(dir, "a.c");
        File.WriteAllText(src, "int x;\n\n  double *d = (double *) p;\n");
        var root = SourceRoot.At(dir);
        string Fingerprint(string location, string type = "int")
        {
            var log = new ReportLog();
            log.Add([BadCast(location: location, type: type).Replace("0x10", "0x7fff0"), Summary(1, 0, Entry(1, location: location, type: type))]);
            return Assert.Single(MergedReport.Of(log, [], root, null).Ordered).Fingerprint;
        }
        var first = Fingerprint(Place(src, 3, 15, "f"));
        Assert.Matches("^[0-9a-f]{32}$", first);
        File.WriteAllText(src, "int x;\n/* a comment */\nint y;\n\n\tdouble *d = (double *)  p;\n");
        Assert.Equal(first, Fingerprint(Place(src, 5, 14, "f")));   // moved down two lines, re-indented
        Assert.NotEqual(first, Fingerprint(Place(src, 5, 14, "f"), type: "long"));
        Assert.NotEqual(first, Fingerprint(Place(src, 5, 14, "g")));
    }
}
