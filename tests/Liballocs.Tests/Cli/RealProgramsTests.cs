// The real-program driver's arithmetic: facts, success, the table (the logs are merged by liballocs report's reader).
using Liballocs.Cli;
using Liballocs.Cli.Report;
using static Liballocs.Tests.Cli.ReportLines;

namespace Liballocs.Tests.Cli;

public class RealProgramsTests
{
    private static readonly MergedReport NoLogs = Merge();

    [Fact]
    public void Facts_take_the_last_value_of_a_key_and_success_needs_tests_and_no_unexplained_report()
    {
        var facts = ProgramResult.ParseFacts(["build=failed", "junk", "build=ok", "tests_passed=3", "tests_failed=0"]);
        Assert.Equal("ok", facts["build"]);
        var clean = new ProgramResult("p", facts, Merge([Summary(10, 0)]), TimeSpan.FromSeconds(2), 0);
        Assert.True(clean.Succeeded);
        Assert.False((clean with { Reports = NoLogs }).Succeeded); // no summary: the checker never ran
        Assert.False((clean with { Reports = Merge([BadCast(), Summary(10, 0, Entry(2))]) }).Succeeded);
        Assert.True((clean with { Reports = Merge([Summary(10, 0, "", Entry(2))]) }).Succeeded); // suppressed at run time (known.supp)
        Assert.False((clean with { Facts = ProgramResult.ParseFacts(["build=ok", "tests_passed=0"]) }).Succeeded);
        Assert.False((clean with { ExitCode = 1 }).Succeeded);
    }

    [Fact]
    public void Compared_with_the_plain_build_the_table_gives_the_test_time_ratio()
    {
        var plain = new ProgramResult("bzip2", ProgramResult.ParseFacts(["build=ok", "tests_passed=9", "test_seconds=0.500"]), NoLogs,
            TimeSpan.FromSeconds(2), 0);
        var checkedRun = new ProgramResult("bzip2", ProgramResult.ParseFacts(["build=ok", "tests_passed=9", "test_seconds=1.250"]), NoLogs,
            TimeSpan.FromSeconds(3), 0) { Plain = plain };
        Assert.Equal(2.5, checkedRun.Slowdown!.Value, 6);
        Assert.Contains("| 3 s | 1.25 s | 2.50x |", ResultTable.Format([checkedRun]));
    }

    [Fact]
    public void The_table_has_a_row_per_program_and_lists_unexplained_reports()
    {
        var reported = Merge([BadCast(), Summary(200, 50, Entry(2), Entry(5, Place("b.c", 9, 1, "g")))]);
        var results = new[]
        {
            new ProgramResult("zlib", ProgramResult.ParseFacts(["source_version=1:1.2.13.dfsg-1", "build=ok", "tests_passed=5", "tests_failed=0"]), reported, TimeSpan.FromSeconds(6), 0),
            new ProgramResult("lua", ProgramResult.ParseFacts(["build=failed"]), NoLogs, TimeSpan.FromSeconds(1), 1),
        };
        var table = ResultTable.Format(results);
        Assert.Contains("| zlib | 1:1.2.13.dfsg-1 | ok | 5/5 | 200 | 75.0% | 25.0% | 1 | 1 | 6 s | - | - |", table);
        Assert.Contains("| lua | - | FAILED | 0/0 | 0 | 100.0% | 0.0% | 0 | 0 | 1 s | - | - |", table);
        Assert.Contains("0 of 2 programs built", table);
        Assert.Contains("unexplained reports of zlib:\n  bad-cast (is_a) to 'double *' at a.c:3:7 in f: met 'int' allocated at a.c:1:12 (2x)", table);
    }

    [Fact]
    public void Sources_that_could_not_be_obtained_fail_the_program_apart_from_a_failed_build()
    {
        var unfetched = new ProgramResult("jq", ProgramResult.ParseFacts(["build=failed", "fetch=failed",
            "fetch_error=could not obtain sources of jq: 1.6-2.1+deb12u3: E: Failed to fetch x 404  Not Found"]), NoLogs, TimeSpan.FromSeconds(1), 3);
        var broken = new ProgramResult("lua", ProgramResult.ParseFacts(["fetch=ok", "source_version=5.4.4-3", "build=failed"]), NoLogs,
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
