// Every program of corpus/ (outside corpus/real), built with allocscc, run, and checked against the directives written beside
// its code, by the runner `liballocs test FILE...` uses (cli/Corpus/CorpusRunner.cs).
using Liballocs.Cli.Corpus;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Corpus;

public class CorpusTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.Corpus, "*.c", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}real{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Repo.Corpus, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_output_matches_its_checks(string relativePath)
    {
        var failures = new CorpusRunner(Repo.Allocscc, Repo.Include).Run(LitFile.Parse(Path.Combine(Repo.Corpus, relativePath)));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
