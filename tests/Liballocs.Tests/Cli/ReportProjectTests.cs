// liballocs report on a real multi-file C project (tests/projects/shapes) built through allocscc by make, CMake and a
// configure script, its tests run as several processes: verdicts, SARIF against the OASIS schema, JUnit, fingerprints.
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Json.Schema;
using Liballocs.Cli.Report;
using Liballocs.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Liballocs.Tests.Cli;

public sealed partial class ReportProjectTests : IDisposable
{
    private readonly string work = Processes.TempDirectory("liballocs-report-project");

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static readonly string Liballocs = Path.Combine(Repo.Root, "bin", "liballocs");

    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json")));

    // A fresh copy of the fixture.
    private string Project()
    {
        var dir = Path.Combine(work, "shapes");
        CopyDirectory(Path.Combine(Repo.Root, "tests", "projects", "shapes"), dir);
        return dir;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(d) != "build")
                CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
        }
    }

    private static ProcessResult Shell(string dir, string script, IReadOnlyDictionary<string, string?>? env = null)
    {
        var r = Processes.Run("bash", ["-euo", "pipefail", "-c", script], dir, env, timeoutSeconds: 300);
        Assert.True(r.ExitCode == 0, $"{script} failed ({r.ExitCode}):\n{r.All}");
        return r;
    }

    private static Dictionary<string, string?> CheckerLogs(string logs) =>
        new() { ["LIBALLOCS_OPTIONS"] = $"log_path={logs}/report:report_format=json:print_summary=1", ["CHECKS"] = null };

    // Runs the fixture's scenarios (make check) into a fresh log directory; returns it.
    private string RunChecks(string project, string checks, string name)
    {
        var logs = Path.Combine(work, name);
        Directory.CreateDirectory(logs);
        Shell(project, $"make -s check CHECKS='{checks}'", CheckerLogs(logs));
        return logs;
    }

    private static ProcessResult Report(string project, params string[] args) =>
        Processes.Run(Liballocs, ["report", .. args, "--source-root", project], project);

    private static void AssertValidSarif(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = SarifSchema.Value.Evaluate(doc.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = result.IsValid ? [] : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}").ToList();
        Assert.True(result.IsValid, $"{path} does not validate against the SARIF 2.1.0 schema:\n{string.Join('\n', errors.Take(20))}");
    }

    private static JsonElement[] Results(string sarif)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(sarif));
        return [.. doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Fingerprint(JsonElement result) => result.GetProperty("partialFingerprints").GetProperty("liballocsFinding/v1").GetString()!;

    private static string RelativeUri(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;

    private static int StartLine(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32();

    [Theory]
    [InlineData("make")]
    [InlineData("cmake")]
    [InlineData("configure")]
    public void Each_build_system_s_test_processes_merge_into_valid_SARIF_and_JUnit(string buildSystem)
    {
        var project = Project();
        var logs = Path.Combine(work, "logs");
        Directory.CreateDirectory(logs);
        var env = CheckerLogs(logs);
        var cc = Repo.Allocscc;
        switch (buildSystem)
        {
            case "make":
                Shell(project, $"make -s CC={cc}");
                Shell(project, "make -s check", env);
                break;
            case "configure":
                Shell(project, $"CC={cc} ./configure && make -s");
                Shell(project, "make -s check", env);
                break;
            default:
                Shell(project, $"cmake -S . -B build -DCMAKE_C_COMPILER={cc} >/dev/null && cmake --build build >/dev/null");
                Shell(Path.Combine(project, "build"), "ctest --output-on-failure >/dev/null", env);
                break;
        }
        var sarif = Path.Combine(work, "out.sarif");
        var junit = Path.Combine(work, "out.xml");
        var r = Report(project, logs, "--sarif", sarif, "--junit", junit);
        Assert.True(r.ExitCode == 1, r.All);
        Assert.Contains("4 processes with a summary", r.Stdout);
        Assert.EndsWith("2 findings: 2 failing, 0 suppressed\n", r.Stdout);
        AssertValidSarif(sarif);
        var results = Results(sarif);
        // Source paths come out relative to the source root, whether the build gave them relative (make) or absolute (CMake).
        Assert.Equal(["src/shapes.c", "src/registry.c"], results.Select(RelativeUri));
        Assert.Equal(["bad-cast/is_a", "bad-cast/is_a"], results.Select(x => x.GetProperty("ruleId").GetString()));
        var circle = results[0];
        Assert.Equal(3, circle.GetProperty("properties").GetProperty("count").GetInt64());
        Assert.Equal(3, circle.GetProperty("properties").GetProperty("processes").GetInt32());
        Assert.Equal("src/shapes.c", circle.GetProperty("relatedLocations")[0].GetProperty("physicalLocation")
            .GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("circle_area", circle.GetProperty("codeFlows")[0].GetProperty("threadFlows")[0].GetProperty("locations")
            .EnumerateArray().Last().GetProperty("location").GetProperty("logicalLocations")[0].GetProperty("name").GetString());
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal(("2", "2"), (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        Assert.Equal(2, suite.Elements("testcase").Count(t => t.Element("failure") is not null));
    }

    [Fact]
    public void Counts_and_exit_statuses_follow_findings_suppressions_and_baselines()
    {
        var project = Project();
        Shell(project, $"make -s CC={Repo.Allocscc}");

        // No findings: checks ran in both processes, nothing failed.
        var clean = Report(project, RunChecks(project, "clean none", "clean"));
        Assert.True(clean.ExitCode == 0, clean.All);
        Assert.Contains("2 processes with a summary; 4 checks, 0 on unknown storage", clean.Stdout);
        Assert.EndsWith("0 findings: 0 failing, 0 suppressed\n", clean.Stdout);

        // Findings.
        var two = RunChecks(project, "two", "two");
        var found = Report(project, two);
        Assert.True(found.ExitCode == 1, found.All);
        Assert.Contains("1x bad-cast (is_a) to 'struct square *' at src/registry.c:", found.Stdout);

        // One finding hit by three processes.
        var thrice = Report(project, RunChecks(project, "one one one", "thrice"));
        Assert.Contains("3x bad-cast (is_a) to 'struct circle *' at src/shapes.c:", thrice.Stdout);
        Assert.Contains("in 3 processes: ", thrice.Stdout);
        Assert.EndsWith("1 finding: 1 failing, 0 suppressed\n", thrice.Stdout);

        // A forked child writes its own log; an image exec'd over leaves its report without a summary in the log it shares.
        var forked = Report(project, RunChecks(project, "fork exec", "fork-exec"));
        Assert.Contains("3 log files", forked.Stdout);
        Assert.Contains("3 processes with a summary and 1 without (killed or exec'd over)", forked.Stdout);
        Assert.Contains("3x bad-cast (is_a) to 'struct circle *' at src/shapes.c:", forked.Stdout);
        Assert.Contains("in 3 processes: ", forked.Stdout);

        // All suppressed: exit 0, the findings kept as suppressed in SARIF and skipped in JUnit.
        var rules = Path.Combine(work, "triaged.supp");
        File.WriteAllText(rules, "function:circle_area\nalloc_site:src/shapes.c:1?   # make_circle\n");
        var sarif = Path.Combine(work, "suppressed.sarif");
        var junit = Path.Combine(work, "suppressed.xml");
        var quiet = Report(project, two, "--suppressions", rules, "--sarif", sarif, "--junit", junit);
        Assert.True(quiet.ExitCode == 0, quiet.All);
        Assert.EndsWith("2 findings: 0 failing, 2 suppressed\n", quiet.Stdout);
        AssertValidSarif(sarif);
        Assert.All(Results(sarif), x => Assert.Equal("external", x.GetProperty("suppressions")[0].GetProperty("kind").GetString()));
        Assert.Equal(2, XDocument.Load(junit).Descendants("skipped").Count());

        // A baseline holding every finding: exit 0, and the finding no longer met is named.
        var baseline = Path.Combine(work, "baseline.sarif");
        Assert.Equal(1, Report(project, two, "--sarif", baseline).ExitCode);
        var one = RunChecks(project, "one", "one");
        var same = Report(project, one, "--baseline", baseline);
        Assert.True(same.ExitCode == 0, same.All);
        Assert.Contains("1 baseline finding no longer seen:\n    bad-cast (is_a) to 'struct square *' at src/registry.c:", same.Stdout);

        // A baseline without the new finding: exit 1, and SARIF marks which is new.
        var older = Path.Combine(work, "older.sarif");
        Report(project, one, "--sarif", older);
        var after = Path.Combine(work, "after.sarif");
        var grown = Report(project, two, "--baseline", older, "--sarif", after);
        Assert.True(grown.ExitCode == 1, grown.All);
        Assert.EndsWith("2 findings: 1 failing, 0 suppressed, 1 in the baseline\n", grown.Stdout);
        AssertValidSarif(after);
        Assert.Equal(["new:src/registry.c", "unchanged:src/shapes.c"],
            Results(after).Select(x => $"{x.GetProperty("baselineState").GetString()}:{RelativeUri(x)}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_check_rejects_what_SARIF_forbids()
    {
        var merged = ReportLines.Merge([ReportLines.BadCast(), ReportLines.Damage(), ReportLines.Summary(3, 0, ReportLines.Entry(2))]);
        var path = Path.Combine(work, "synthetic.sarif");
        using (var stream = File.Create(path))
            SarifWriter.Write(stream, merged);
        AssertValidSarif(path);
        var text = File.ReadAllText(path);
        Assert.Contains("\"startLine\": 3", text);
        File.WriteAllText(path, text.Replace("\"startLine\": 3", "\"startLine\": 0"));   // lines count from 1
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertValidSarif(path));
    }

    [Fact]
    public void Fingerprints_stay_equal_when_the_program_is_rebuilt_with_lines_inserted_above_the_casts()
    {
        var project = Project();
        Shell(project, $"make -s CC={Repo.Allocscc}");
        var before = Path.Combine(work, "before.sarif");
        Report(project, RunChecks(project, "two", "before"), "--sarif", before);

        foreach (var file in (string[])["src/shapes.c", "src/registry.c"])
        {
            var path = Path.Combine(project, file);
            File.WriteAllText(path, "/* Inserted above everything:\n   three lines that move every cast down. */\n\n" + File.ReadAllText(path));
        }
        Shell(project, $"make -s clean && make -s CC={Repo.Allocscc}");
        var after = Path.Combine(work, "after.sarif");
        Report(project, RunChecks(project, "two", "after"), "--sarif", after);

        var (b, a) = (Results(before), Results(after));
        Assert.Equal(b.Select(StartLine).Select(l => l + 3), a.Select(StartLine));   // the casts really moved
        Assert.Equal(b.Select(Fingerprint), a.Select(Fingerprint));
        Assert.Equal(2, a.Select(Fingerprint).Distinct().Count());
        // So a baseline taken before the edit still holds both findings.
        Assert.Equal(0, Report(project, Path.Combine(work, "after"), "--baseline", before).ExitCode);
    }

    [Fact]
    public void The_README_CI_recipe_works_as_written()
    {
        var project = Project();
        var env = new Dictionary<string, string?>
        {
            ["PATH"] = $"{Path.Combine(Repo.Root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["CHECKS"] = null,
            ["LIBALLOCS_OPTIONS"] = null,
        };
        // The accepted state: a run meeting only the square-as-circle cast.
        Shell(project, $"make -s CC={Repo.Allocscc}");
        Report(project, RunChecks(project, "one", "accepted"), "--sarif", Path.Combine(project, "liballocs-baseline.sarif"));
        Shell(project, "make -s clean");

        var recipe = ReadmeRecipe();
        var r = Processes.Run("bash", ["-eu", "-c", recipe], project, env, timeoutSeconds: 300);
        // The default checks meet a cast the baseline does not hold: the recipe's last command fails the job.
        Assert.True(r.ExitCode == 1, $"{recipe}\nexited {r.ExitCode}:\n{r.All}");
        Assert.Contains("[new]", r.Stdout);
        Assert.Contains("at src/registry.c:", r.Stdout);
        AssertValidSarif(Path.Combine(project, "liballocs.sarif"));
        Assert.Single(XDocument.Load(Path.Combine(project, "liballocs-junit.xml")).Descendants("failure"));
    }

    [Theory]
    [InlineData("github-actions.yml")]
    [InlineData("gitlab-ci.yml")]
    public void The_CI_jobs_run_the_README_recipe_s_commands(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Repo.Root, "docs", "ci", file)))
            yaml.Load(reader);
        var scripts = string.Join('\n', Scalars(yaml.Documents[0].RootNode));
        // Every command of the recipe, joined across its continuation lines, appears in the job as one command.
        foreach (var command in ReadmeRecipe().Replace("\\\n", " ").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Contains(Spaces().Replace(command, " ").Trim(), Spaces().Replace(scripts.Replace("\\\n", " "), " "));
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        YamlMappingNode m => m.Children.Values.SelectMany(Scalars),
        _ => [],
    };

    // The sh block after the ci-recipe marker in README.md.
    private static string ReadmeRecipe()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var m = Recipe().Match(readme);
        Assert.True(m.Success, "README.md has no ci-recipe block");
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"<!-- ci-recipe:[^>]*-->\n```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Recipe();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
