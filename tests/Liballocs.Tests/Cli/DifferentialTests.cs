// A small sample of `liballocs differential`: generated programs with type-correct casts, plain and checked.
using Liballocs.Cli;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Cli;

public class DifferentialTests
{
    [Fact]
    public void A_seed_always_generates_the_same_program_and_seeds_differ()
    {
        Assert.Equal(new CastProgramGenerator(7).Generate(), new CastProgramGenerator(7).Generate());
        Assert.NotEqual(new CastProgramGenerator(7).Generate(), new CastProgramGenerator(8).Generate());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Generated_program_prints_the_same_plain_and_checked_with_checks_run_and_no_report(int seed)
    {
        var dir = Processes.TempDirectory("differential");
        try
        {
            var r = new Differential(Repo.Allocscc, dir).Run(seed);
            Assert.True(r.Passed, string.Join('\n', r.Problems));
            Assert.True(r.SameOutput);
            Assert.Equal(0, r.Reports);
            Assert.True(r.Checks > 0, "no check ran");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_bad_cast_in_a_generated_program_would_be_seen()
    {
        // The comparison is only worth something if a report would make it fail: a program with one lie fails.
        var dir = Processes.TempDirectory("differential");
        try
        {
            var lie = new CastProgramGenerator(1).Generate().Replace("int main(void)\n{\n",
                "struct liar { char c[3]; };\nint main(void)\n{\n  { long *l = malloc(sizeof *l); *l = 1; struct liar *x = (struct liar *)(void *)l; (void)x; free(l); }\n",
                StringComparison.Ordinal);
            var r = new Differential(Repo.Allocscc, dir).RunSource(1, lie);
            Assert.False(r.Passed);
            Assert.Equal(1, r.Reports);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
