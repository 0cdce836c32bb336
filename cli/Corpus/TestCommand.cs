// `liballocs test FILE...`: corpus programs one by one, as the xunit suite runs them all.
using System.CommandLine;

namespace Liballocs.Cli.Corpus;

/// <summary>The <c>test</c> command: builds each C file given with allocscc, runs it and holds its output to the directives
/// beside its code (<see cref="LitFile"/>); prints PASS or FAIL per file, what failed, and "N passed, N failed". Exit status 0
/// when all passed, 1 when one failed, 2 when a file cannot be read or its directives are malformed.</summary>
public static class TestCommand
{
    /// <summary>The command, for the root command.</summary>
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("file") { Arity = ArgumentArity.OneOrMore, Description = "C files of the corpus (or written like them)" };
        var command = new Command("test", "build C files of the corpus with allocscc, run them and check their output against the "
            + "CHECK, CHECK-NEXT and CHECK-NOT lines beside their code (ALLOCSCC-FLAGS, OPTIONS, ARGS and EXIT set the build and the run)");
        command.Arguments.Add(files);
        command.SetAction(parsed =>
        {
            if (Repository.RootOrSayWhy() is not { } repo)
                return 2;
            var allocscc = Path.Combine(repo, "bin", "allocscc");
            if (!File.Exists(Path.Combine(repo, "artifacts", "bin", "allocscc")))
            {
                Console.Error.WriteLine("liballocs: allocscc is not built; run bin/setup first");
                return 2;
            }
            var runner = new CorpusRunner(allocscc, Path.Combine(repo, "contract", "include"));
            int passed = 0, failed = 0;
            foreach (var file in parsed.GetValue(files) ?? [])
            {
                LitFile lit;
                try
                {
                    lit = LitFile.Parse(file.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    Console.Error.WriteLine($"liballocs: {e.Message}");
                    return 2;
                }
                var failures = runner.Run(lit);
                Console.WriteLine($"{(failures.Count == 0 ? "PASS" : "FAIL")} {file.FullName}");
                foreach (var f in failures)
                    Console.WriteLine(f);
                if (failures.Count == 0)
                    passed++;
                else
                    failed++;
            }
            Console.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
