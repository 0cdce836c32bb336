// The real-program driver's arithmetic: report logs across processes, facts, the table.
using Liballocs.Cli;

namespace Liballocs.Tests.Cli;

public class RealProgramsTests
{
    private const string Report = """{"kind":"bad-cast","check":"is_a","location":{"file":"a.c","line":3,"column":7,"function":"f"},"expected_type":"int *","count":1}""";

    private static string Summary(long checks, long unknown, string reports, string suppressed) =>
        $$"""{"kind":"summary","checks_begun":{{checks}},"passed":1,"passed_via_cache":0,"failed":2,"unknown_storage":{{unknown}},"suppressed":1,"reports":[{{reports}}],"suppressed_reports":[{{suppressed}}]}""";

    private const string Distinct = """{"location":{"file":"a.c","line":3,"column":7,"function":"f"},"check":"is_a","expected_type":"int *","count":2}""";
    private const string Known = """{"location":{"file":"b.c","line":9,"column":1,"function":"g"},"check":"named_a","expected_type":"struct s *","count":5}""";

    [Fact]
    public void Summaries_of_several_processes_add_up_and_reports_are_distinct_across_them()
    {
        var log = new ReportLog();
        log.Add([Report, Summary(100, 10, Distinct, Known)]);
        log.Add([Report, Summary(300, 30, Distinct, "")]);
        Assert.Equal(2, log.Processes);
        Assert.Equal(400, log.Checks);
        Assert.Equal(40, log.UnknownStorage);
        Assert.Equal(0.9, log.TypedFraction, 6);
        var only = Assert.Single(log.Unexplained);
        Assert.Equal("a.c:3:7: is_a to 'int *'", only.Key.ToString());
        Assert.Equal(4, only.Value);
        Assert.Equal(5, Assert.Single(log.Explained).Value);
    }

    [Fact]
    public void A_process_that_died_before_its_summary_still_counts_its_reports()
    {
        var log = new ReportLog();
        log.Add([Report, "{\"kind\":\"bad-c"]);
        Assert.Equal(0, log.Processes);
        Assert.Equal(1, log.MalformedLines);
        Assert.Equal(1, Assert.Single(log.Unexplained).Value);
        var freed = new ReportLog();
        freed.Add([Report.Replace("\"kind\":\"bad-cast\"", "\"kind\":\"use-after-free\"")]);
        Assert.Equal(1, Assert.Single(freed.Unexplained).Value); // a use-after-free report counts the same
    }

    [Fact]
    public void Overwritten_heap_metadata_is_an_unexplained_report_of_its_own()
    {
        var log = new ReportLog();
        log.Add(["""{"kind":"heap-metadata-overwritten","location":{"file":"a.c","line":5,"column":2,"function":"f"},"pointer":"0x10","chunk":"0x10","offset":0,"usable_size":8,"allocated_by":null,"stack":[]}""",
            Summary(2, 2, "", "")]);
        Assert.Equal(0, log.MalformedLines);
        var only = Assert.Single(log.Unexplained);
        Assert.Equal("a.c:5:2: heap-metadata-overwritten", only.Key.ToString());
        Assert.Equal(1, only.Value);
    }

    [Fact]
    public void A_process_exec_d_over_before_its_summary_keeps_its_reports_beside_the_next_ones_summary()
    {
        var log = new ReportLog();
        // The exec'd-over process reported line 4; the process that replaced it (same pid, same file) line 3.
        log.Add([Report.Replace("\"line\":3", "\"line\":4"), Report, Summary(10, 0, Distinct, "")]);
        Assert.Equal(1, log.Processes);
        Assert.Equal(["a.c:3:7: is_a to 'int *'", "a.c:4:7: is_a to 'int *'"],
            log.Unexplained.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, log.Unexplained.Single(p => p.Key.Line == 3).Value); // the summary's count, not the line's
    }

    [Fact]
    public void Facts_take_the_last_value_of_a_key_and_success_needs_tests_and_no_unexplained_report()
    {
        var facts = ProgramResult.ParseFacts(["build=failed", "junk", "build=ok", "tests_passed=3", "tests_failed=0"]);
        Assert.Equal("ok", facts["build"]);
        var quiet = new ReportLog();
        quiet.Add([Summary(10, 0, "", "")]);
        var clean = new ProgramResult("p", facts, quiet, TimeSpan.FromSeconds(2), 0);
        Assert.True(clean.Succeeded);
        Assert.False((clean with { Reports = new ReportLog() }).Succeeded); // no summary: the checker never ran
        var reported = new ReportLog();
        reported.Add([Summary(10, 0, Distinct, "")]);
        Assert.False((clean with { Reports = reported }).Succeeded);
        Assert.False((clean with { Facts = ProgramResult.ParseFacts(["build=ok", "tests_passed=0"]) }).Succeeded);
        Assert.False((clean with { ExitCode = 1 }).Succeeded);
    }

    [Fact]
    public void Compared_with_the_plain_build_the_table_gives_the_test_time_ratio()
    {
        var plain = new ProgramResult("bzip2", ProgramResult.ParseFacts(["build=ok", "tests_passed=9", "test_seconds=0.500"]), new ReportLog(),
            TimeSpan.FromSeconds(2), 0);
        var checkedRun = new ProgramResult("bzip2", ProgramResult.ParseFacts(["build=ok", "tests_passed=9", "test_seconds=1.250"]), new ReportLog(),
            TimeSpan.FromSeconds(3), 0) { Plain = plain };
        Assert.Equal(2.5, checkedRun.Slowdown!.Value, 6);
        Assert.Contains("| 3 s | 1.25 s | 2.50x |", ResultTable.Format([checkedRun]));
    }

    [Fact]
    public void The_table_has_a_row_per_program_and_lists_unexplained_reports()
    {
        var reported = new ReportLog();
        reported.Add([Summary(200, 50, Distinct, Known)]);
        var results = new[]
        {
            new ProgramResult("zlib", ProgramResult.ParseFacts(["source_version=1:1.2.13.dfsg-1", "build=ok", "tests_passed=5", "tests_failed=0"]), reported, TimeSpan.FromSeconds(6), 0),
            new ProgramResult("lua", ProgramResult.ParseFacts(["build=failed"]), new ReportLog(), TimeSpan.FromSeconds(1), 1),
        };
        var table = ResultTable.Format(results);
        Assert.Contains("| zlib | 1:1.2.13.dfsg-1 | ok | 5/5 | 200 | 75.0% | 25.0% | 1 | 1 | 6 s | - | - |", table);
        Assert.Contains("| lua | - | FAILED | 0/0 | 0 | 100.0% | 0.0% | 0 | 0 | 1 s | - | - |", table);
        Assert.Contains("0 of 2 programs built", table);
        Assert.Contains("unexplained reports of zlib:\n  a.c:3:7: is_a to 'int *' (2x)", table);
    }

    [Fact]
    public void Sources_that_could_not_be_obtained_fail_the_program_apart_from_a_failed_build()
    {
        var unfetched = new ProgramResult("jq", ProgramResult.ParseFacts(["build=failed", "fetch=failed",
            "fetch_error=could not obtain sources of jq: 1.6-2.1+deb12u3: E: Failed to fetch x 404  Not Found"]), new ReportLog(), TimeSpan.FromSeconds(1), 3);
        var broken = new ProgramResult("lua", ProgramResult.ParseFacts(["fetch=ok", "source_version=5.4.4-3", "build=failed"]), new ReportLog(),
            TimeSpan.FromSeconds(1), 1);
        Assert.True(unfetched.FetchFailed);
        Assert.False(unfetched.Succeeded);
        Assert.False(broken.FetchFailed);
        var table = ResultTable.Format([unfetched, broken]);
        Assert.Contains("| jq | - | no sources | 0/0 |", table);
        Assert.Contains("| lua | 5.4.4-3 | FAILED | 0/0 |", table);
        Assert.Contains("\njq: could not obtain sources of jq: 1.6-2.1+deb12u3: E: Failed to fetch x 404  Not Found\n", table);
        Assert.Equal("real programs: 0 passed, 2 failed (1 could not obtain sources: jq)", ResultTable.ClosingLine([unfetched, broken]));
        Assert.Equal("real programs: 0 passed, 1 failed", ResultTable.ClosingLine([broken]));
    }
}
