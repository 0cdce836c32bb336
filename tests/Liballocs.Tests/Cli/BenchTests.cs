// The benchmark suite's parts that decide what is measured: its inputs, where it finds each build, and its median.
using System.Text.Json;
using Liballocs.Cli.Bench;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Cli;

public sealed class BenchTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bench-tests").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // Writes an input twice, in two files: they must hold the same bytes, which are returned.
    private byte[] WrittenTwiceTheSame(Action<string, long> write, string name, long size)
    {
        write(Path.Combine(dir, name), size);
        write(Path.Combine(dir, name + ".again"), size);
        var bytes = File.ReadAllBytes(Path.Combine(dir, name));
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, name + ".again")));
        return bytes;
    }

    [Fact]
    public void The_text_input_is_the_same_bytes_every_time_and_lines_of_twelve_words_and_a_number()
    {
        var bytes = WrittenTwiceTheSame(BenchInputs.Text, "a", 100_000);
        Assert.InRange(bytes.Length, 100_000, 100_200);
        var lines = File.ReadAllLines(Path.Combine(dir, "a"));
        Assert.All(lines, l =>
        {
            var words = l.Split(' ');
            Assert.Equal(13, words.Length);
            Assert.True(int.TryParse(words[12], out _), l);
        });
        Assert.True(lines.Distinct().Count() > lines.Length / 2, "the lines vary");
    }

    [Fact]
    public void The_json_input_is_one_array_of_numbered_records_and_the_same_bytes_every_time()
    {
        using var doc = JsonDocument.Parse(WrittenTwiceTheSame(BenchInputs.Json, "a.json", 50_000));
        var records = doc.RootElement.EnumerateArray().ToList();
        Assert.True(records.Count > 100);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i, records[i].GetProperty("id").GetInt32());
            Assert.InRange(records[i].GetProperty("n").GetInt32(), 0, 99_999);
            Assert.StartsWith("item-", records[i].GetProperty("name").GetString());
            Assert.Equal(2, records[i].GetProperty("tags").GetArrayLength());
        }
    }

    [Fact]
    public void An_input_already_written_is_kept()
    {
        var path = Path.Combine(dir, "kept");
        File.WriteAllText(path, "mine");
        BenchInputs.Text(path, 1000);
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void A_real_programs_build_is_found_in_its_unpacked_tree_and_a_bench_program_under_artifacts_bench()
    {
        var paths = new BenchPaths(dir);
        var jq = Workload.All.Single(w => w.Name == "jq");
        Directory.CreateDirectory(Path.Combine(dir, "artifacts", "real", "jq", "src", "jq-1.6"));
        Directory.CreateDirectory(Path.Combine(dir, "artifacts", "real", "plain", "jq", "src", "jq-1.6"));
        Directory.CreateDirectory(Path.Combine(dir, "artifacts", "bench", "asan", "plain", "jq", "src", "jq-1.6"));
        Assert.Equal(Path.Combine(dir, "artifacts", "real", "jq", "src", "jq-1.6", "jq"), paths.Binary(jq, Variant.Checked));
        Assert.Equal(Path.Combine(dir, "artifacts", "real", "plain", "jq", "src", "jq-1.6", "jq"), paths.Binary(jq, Variant.Plain));
        Assert.Equal(Path.Combine(dir, "artifacts", "bench", "asan", "plain", "jq", "src", "jq-1.6", "jq"), paths.Binary(jq, Variant.Asan));
        var trees = Workload.All.Single(w => w.Name == "binary-trees");
        Assert.Equal(Path.Combine(dir, "artifacts", "bench", "binary_trees.asan"), paths.Binary(trees, Variant.Asan));
        // Not unpacked yet: a path under src/none, which never exists, so that the suite builds it.
        Assert.Equal(Path.Combine(dir, "artifacts", "real", "sqlite", "src", "none", "build", "speedtest1"),
            paths.Binary(Workload.All.Single(w => w.Name == "sqlite"), Variant.Checked));
    }

    [Fact]
    public void The_mixed_lua_workload_runs_every_script_of_the_lua_corpus()
    {
        var paths = new BenchPaths(Repo.Root);
        var command = Workload.All.Single(w => w.Name == "lua-mixed").Command("/bin/echo", paths);
        var scripts = Directory.GetFiles(Path.Combine(Repo.Root, "corpus", "real", "lua", "scripts"), "*.lua");
        // The command itself runs them: one line per script, each naming it.
        var run = Processes.Run(command[0], command.Skip(1).ToArray());
        Assert.Equal(scripts.Order(StringComparer.Ordinal), run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_workload_runs_its_programs_known_reports_suppressed_as_its_corpus_run_does()
    {
        var repo = Repo.Root;
        var paths = new BenchPaths(repo);
        Assert.Equal(Path.Combine(repo, "corpus", "real", "jq", "known.supp"), paths.Suppressions(Workload.All.Single(w => w.Name == "jq")));
        Assert.Null(paths.Suppressions(Workload.All.Single(w => w.Name == "binary-trees")));
    }

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 7.0 }, 7.0)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, BenchCommand.Median(values));

    [Fact]
    public void The_median_of_no_runs_is_not_a_number() => Assert.True(double.IsNaN(BenchCommand.Median([])));
}
