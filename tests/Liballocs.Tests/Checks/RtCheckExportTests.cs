// The check exports of the published liballocs_rt.so, driven by a C program that plays the C layer.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Checks;

public class RtCheckExportTests
{
    private static readonly Lazy<string> Harness = new(Build);

    // As the C layer: LIBALLOCS_RT names the runtime, else the one `make` put in artifacts/lib.
    private static string Runtime =>
        Environment.GetEnvironmentVariable("LIBALLOCS_RT") is { Length: > 0 } path ? path : Path.Combine(Repo.Lib, "liballocs_rt.so");

    private static string Build()
    {
        var output = Path.Combine(Repo.Root, "artifacts", "test-bin", "rt_check_harness");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var source = Path.Combine(Repo.Root, "tests", "Liballocs.Tests", "Checks", "rt_check_harness.c");
        var cc = Processes.Run("gcc", ["-std=gnu11", "-g", "-O0", "-Wall", "-Werror", "-rdynamic",
            "-I", Repo.Include, "-o", output, source, "-ldl"]);
        Assert.True(cc.ExitCode == 0, cc.All);
        return output;
    }

    private static ProcessResult Run(string options)
    {
        Assert.True(File.Exists(Runtime), $"{Runtime} is missing: run `make` (bin/test does)");
        return Processes.Run(Harness.Value, [Runtime], environment: new Dictionary<string, string?>
        {
            ["LIBALLOCS_OPTIONS"] = options,
        });
    }

    private static string Line(ProcessResult run, string name) =>
        run.Stdout.Split('\n').Single(l => l.StartsWith(name + ": ", StringComparison.Ordinal));

    [Fact]
    public void Checks_answer_pass_fail_and_unknown_storage_with_facts_for_the_cache()
    {
        var run = Run("color=never");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("square_in_array: 0 lo=0 hi=72 period=24 key=1 kind_and_degree=0 marked=1", Line(run, "square_in_array"));
        Assert.Equal("double_in_square: 0 lo=32 hi=48 period=8", Line(run, "double_in_square"));
        Assert.Equal("circle_in_square: 1 key_null=1", Line(run, "circle_in_square"));
        Assert.Equal("untyped_as_circle: 0 site_type=circle array=1 lo=0 hi=64 period=16", Line(run, "untyped_as_circle"));
        Assert.Equal("typed_circle_as_square: 1", Line(run, "typed_circle_as_square"));
        Assert.Equal("static_square_as_circle: 1", Line(run, "static_square_as_circle"));
        Assert.Equal("unrecorded_stack: 2 key_null=1", Line(run, "unrecorded_stack"));
        Assert.Equal("null: 0 key_null=1", Line(run, "null"));
    }

    [Fact]
    public void Reports_are_symbolised_deduplicated_and_summed_up_at_exit()
    {
        var run = Run("color=never");
        Assert.Contains("/src/shapes.c:42:19: runtime error: bad cast to 'struct circle *' (is_a)\n", run.Stderr);
        Assert.Contains("is 8 bytes into a 'struct square[3]' heap allocation of 72 bytes; subobject at that offset: 'double'\n", run.Stderr);
        Assert.Matches(@"\n    #0 0x[0-9a-f]+ in draw /src/shapes.c:42:19\n    #1 0x[0-9a-f]+ in main .*rt_check_harness.c:\d+:\d+\n", run.Stderr);
        Assert.Contains("    allocated by malloc in make_square /src/shapes.c:17:24\n", run.Stderr);
        Assert.Contains("    allocated by malloc (site unknown)\n", run.Stderr);
        Assert.Contains("    defined as 'global_square'\n", run.Stderr);
        Assert.Single(run.Stderr.Split("is 8 bytes into").Skip(1));
        Assert.Contains("liballocs: 14 checks begun: 9 passed (5 via cache), 4 failed, 1 unknown storage, 0 suppressed\n", run.Stderr);
        Assert.Contains("liballocs: 3 distinct reports:\n    2x /src/shapes.c:42:19 bad cast to 'struct circle *' (is_a)\n", run.Stderr);
    }

    [Fact]
    public void Halt_on_error_exits_with_exitcode_after_writing_json_to_the_log()
    {
        var log = Path.Combine(Path.GetTempPath(), $"liballocs-rt-check-{Guid.NewGuid():N}");
        var run = Run($"halt_on_error=1:exitcode=9:report_format=json:log_path={log}");
        var written = Directory.GetFiles(Path.GetDirectoryName(log)!, Path.GetFileName(log) + ".*");
        try
        {
            Assert.Equal(9, run.ExitCode);
            Assert.DoesNotContain("circle_in_square", run.Stdout);
            var lines = File.ReadAllText(Assert.Single(written)).TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("""{"format_version":1,"kind":"bad-cast","check":"is_a","location":{"file":"/src/shapes.c","line":42,""", lines[0]);
            Assert.Matches("""^\{"format_version":1,"kind":"summary","pid":[1-9][0-9]*,"program":"[^"]+","checks_begun":3,"passed":2,""", lines[1]);
        }
        finally
        {
            foreach (var f in written)
                File.Delete(f);
        }
    }

    [Fact]
    public void Malformed_options_and_suppressions_get_one_message_each()
    {
        var supp = Path.GetTempFileName();
        File.WriteAllText(supp, "check:is_a\nnonsense\n");
        try
        {
            var run = Run($"bogus=1:suppressions={supp}:print_summary=1");
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Contains("liballocs: unknown option 'bogus' in LIBALLOCS_OPTIONS", run.Stderr);
            Assert.Contains($"liballocs: {supp}:2: expected FIELD:PATTERN, got 'nonsense'", run.Stderr);
            Assert.DoesNotContain("runtime error", run.Stderr);
            Assert.Contains("4 failed, 1 unknown storage, 4 suppressed\n", run.Stderr);
        }
        finally
        {
            File.Delete(supp);
        }
    }
}
