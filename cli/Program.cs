// liballocs: the command line. `liballocs report LOGS...` merges report logs into a CI verdict; `liballocs real [PROGRAM...]` runs
// real programs under the checker; `liballocs differential` runs generated programs plain and checked; `liballocs test FILE...`
// runs corpus programs against the directives beside their code; `liballocs suite` runs every test (bin/test); `liballocs bench` runs the benchmark suite (bin/bench).
using System.CommandLine;
using Liballocs.Cli;
using Liballocs.Cli.GlibcMalloc;
using Liballocs.Cli.Report;

var programs = new Argument<string[]>("program")
{
    Arity = ArgumentArity.ZeroOrMore,
    Description = "programs of corpus/real to run (default: all)",
};
var work = new Option<DirectoryInfo?>("--work")
{
    Description = "work directory for sources, builds and report logs (default: artifacts/real)",
};
var list = new Option<bool>("--list") { Description = "list the programs and exit" };
var compare = new Option<bool>("--compare")
{
    Description = "also build each program with plain cc and run its tests unchecked, to time the checked tests against",
};
var onGlibcMalloc = new Option<bool>("--glibc-malloc")
{
    Description = "run the tests on glibc's allocator built standalone (bin/liballocs glibc-malloc), preloaded beneath the checker (default work directory: artifacts/real-glibc-malloc)",
};
var real = new Command("real", "build real C programs with allocscc, run their tests under the checker, and tabulate the reports");
real.Arguments.Add(programs);
real.Options.Add(work);
real.Options.Add(list);
real.Options.Add(compare);
real.Options.Add(onGlibcMalloc);
real.SetAction(parsed =>
{
    if (Repository.RootOrSayWhy() is not { } repo)
        return 2;
    var glibcMallocBeneath = parsed.GetValue(onGlibcMalloc);
    var workDir = parsed.GetValue(work)?.FullName ?? Path.Combine(repo, "artifacts", glibcMallocBeneath ? "real-glibc-malloc" : "real");
    // On glibc's allocator the programs are the same: their sources come from the usual cache.
    var corpus = new RealPrograms(Path.Combine(repo, "corpus", "real"), workDir, glibcMallocBeneath,
        glibcMallocBeneath ? Path.Combine(repo, "artifacts", "real", "sources") : null);
    if (parsed.GetValue(list))
    {
        foreach (var n in corpus.Names)
            Console.WriteLine(n);
        return 0;
    }
    var chosen = parsed.GetValue(programs) is { Length: > 0 } named ? named : [.. corpus.Names];
    var unknown = chosen.Where(n => !corpus.Names.Contains(n)).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"liballocs: no such program in corpus/real: {string.Join(", ", unknown)} (have: {string.Join(", ", corpus.Names)})");
        return 2;
    }
    var results = RealPrograms.RunAndTabulate(corpus, chosen, workDir, parsed.GetValue(compare), Console.WriteLine);
    return results.All(r => r.Succeeded) ? 0 : 1;
});
var count = new Option<int>("--programs") { Description = "how many programs to generate", DefaultValueFactory = _ => 500 };
var firstSeed = new Option<int>("--seed") { Description = "seed of the first program (the others follow)", DefaultValueFactory = _ => 1 };
var keep = new Option<bool>("--keep") { Description = "keep every program's source and builds (failing ones are always kept)" };
var differential = new Command("differential",
    "generate random C programs whose casts are all type-correct, build each plain and with allocscc, and check that both print the same, with checks run and nothing reported");
differential.Options.Add(count);
differential.Options.Add(firstSeed);
differential.Options.Add(work);
differential.Options.Add(keep);
differential.SetAction(parsed =>
{
    if (Repository.RootOrSayWhy() is not { } repo)
        return 2;
    var n = parsed.GetValue(count);
    if (n < 1)
    {
        Console.Error.WriteLine("liballocs: --programs must be at least 1");
        return 2;
    }
    var workDir = parsed.GetValue(work)?.FullName ?? Path.Combine(repo, "artifacts", "differential");
    var runner = new Differential(Path.Combine(repo, "bin", "allocscc"), workDir);
    var results = new List<DifferentialResult>();
    var seed0 = parsed.GetValue(firstSeed);
    for (var i = 0; i < n; i++)
    {
        var r = runner.Run(seed0 + i, parsed.GetValue(keep));
        results.Add(r);
        foreach (var problem in r.Problems)
            Console.WriteLine($"differential: seed {r.Seed}: {problem}");
        if ((i + 1) % 50 == 0)
            Console.WriteLine($"differential: {i + 1} of {n} programs run");
    }
    Console.WriteLine(DifferentialSummary.Line(results));
    return results.All(r => r.Passed) ? 0 : 1;
});
var suite = new Option<string?>("--suite")
{
    Description = "build from the glibc of this Debian suite (e.g. trixie) instead of the installed one; the result stays in the work directory",
};
var tree = new Option<DirectoryInfo?>("--tree") { Description = "an unpacked glibc source tree to build from (no download)" };
var reconfigure = new Option<bool>("--reconfigure") { Description = "run the compile loop again even when a configuration is cached" };
var check = new Option<bool>("--check")
{
    Description = "then build glibc's own malloc tests (malloc/Makefile's) with glibc's test-support library and run them with the library preloaded",
};
var maxIterations = new Option<int>("--max-iterations") { Description = "compile attempts the loop may make", DefaultValueFactory = _ => 200 };
var glibcMalloc = new Command("glibc-malloc",
    "build glibc's allocator standalone (artifacts/lib/libglibc_malloc.so) from Debian's glibc sources, learning the headers and stubs it needs from compiler errors");
glibcMalloc.Options.Add(suite);
glibcMalloc.Options.Add(tree);
glibcMalloc.Options.Add(work);
glibcMalloc.Options.Add(reconfigure);
glibcMalloc.Options.Add(maxIterations);
glibcMalloc.Options.Add(check);
glibcMalloc.SetAction(parsed =>
{
    if (Repository.RootOrSayWhy() is not { } repo)
        return 2;
    var chosenSuite = parsed.GetValue(suite);
    var workDir = parsed.GetValue(work)?.FullName ?? Path.Combine(repo, "artifacts", "glibc-malloc", chosenSuite ?? "installed");
    return GlibcMallocBuild.Run(new GlibcMallocBuild.Request(repo, workDir, chosenSuite, parsed.GetValue(tree)?.FullName,
        parsed.GetValue(reconfigure), parsed.GetValue(maxIterations), parsed.GetValue(check)));
});
var root = new RootCommand("liballocs: companion tools of allocscc");
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(real);
root.Subcommands.Add(differential);
root.Subcommands.Add(glibcMalloc);
root.Subcommands.Add(Liballocs.Cli.Corpus.TestCommand.Create());
root.Subcommands.Add(Liballocs.Cli.Suite.SuiteCommand.Create());
root.Subcommands.Add(Liballocs.Cli.Bench.BenchCommand.Create());
root.Subcommands.Add(Liballocs.Cli.Sources.SourceCommand.Create());
var parsedArgs = root.Parse(args);
if (parsedArgs.Errors.Count > 0)
{
    // A malformed command line is unusable input: status 2, as `report` gives for unusable logs.
    foreach (var e in parsedArgs.Errors)
        Console.Error.WriteLine($"liballocs: {e.Message}");
    Console.Error.WriteLine("liballocs: see liballocs --help");
    return 2;
}
return parsedArgs.Invoke();
