using Liballocs.Cli.Corpus;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Cli;

public class LitFileTests
{
    private static LitFile Write(string text)
    {
        var path = Path.Combine(Processes.TempDirectory("lit"), "t.c");
        File.WriteAllText(path, text);
        return LitFile.Parse(path);
    }

    [Fact]
    public void Line_variables_and_regex_blocks_are_substituted()
    {
        var lit = Write("int x;\nfoo(); // CHECK: t.c:[[@LINE]]:{{[0-9]+}}: bad cast to 'int$32 *'\n");
        Assert.Empty(lit.Verify("t.c:2:7: bad cast to 'int$32 *'\n"));
        Assert.NotEmpty(lit.Verify("t.c:3:7: bad cast to 'int$32 *'\n"));
    }

    [Fact]
    public void Checks_must_match_in_order_and_check_nots_must_not_match()
    {
        var lit = Write("// CHECK: first\n// CHECK: second\n// CHECK-NOT: never\n");
        Assert.Empty(lit.Verify("first\nsecond\n"));
        Assert.NotEmpty(lit.Verify("second\nfirst\n"));
        Assert.NotEmpty(lit.Verify("first\nsecond\nnever\n"));
    }

    [Fact]
    public void Percent_S_in_flags_is_the_directory_of_the_file()
    {
        var lit = Write("// ALLOCSCC-FLAGS: --allocators %S/pool.yaml\n");
        Assert.Equal(["--allocators", Path.Combine(Path.GetDirectoryName(lit.Path)!, "pool.yaml")], lit.Flags);
    }

    [Fact]
    public void Flags_arguments_and_exit_status_are_read()
    {
        var lit = Write("// ALLOCSCC-FLAGS: -O2 -DX=1\n// ARGS: a b\n// EXIT: 3\n");
        Assert.Equal(["-O2", "-DX=1"], lit.Flags);
        Assert.Equal(["a", "b"], lit.Args);
        Assert.Equal(3, lit.ExpectedExit);
        Assert.Equal([[]], Write("// CHECK: x\n").FlagVariants);
    }

    [Fact]
    public void Each_flags_line_is_a_build_of_its_own()
    {
        var lit = Write("// ALLOCSCC-FLAGS: -O0\n// ALLOCSCC-FLAGS: -O2 -g\n");
        Assert.Equal([["-O0"], ["-O2", "-g"]], lit.FlagVariants);
    }

    [Fact]
    public void Check_next_must_match_the_very_next_line()
    {
        var lit = Write("// CHECK: first\n// CHECK-NEXT: second\n");
        Assert.Empty(lit.Verify("first\nsecond\n"));
        Assert.NotEmpty(lit.Verify("first\nother\nsecond\n"));
        Assert.NotEmpty(lit.Verify("first\n"));
    }

    [Fact]
    public void A_check_next_with_no_check_before_it_is_refused_naming_its_line()
    {
        var e = Assert.Throws<FormatException>(() => Write("int x;\n// CHECK-NEXT: alone\n"));
        Assert.Contains("t.c:2: CHECK-NEXT with no CHECK before it", e.Message);
    }

    [Fact]
    public void Options_lines_join_into_the_runs_options_with_percent_S_as_the_directory()
    {
        var lit = Write("// OPTIONS: print_summary=1\n// OPTIONS: suppressions=%S/known.supp\n// CHECK: x\n");
        Assert.Equal($"print_summary=1:suppressions={Path.GetDirectoryName(lit.Path)}/known.supp", lit.Options);
        Assert.Null(Write("// CHECK: x\n").Options);
    }

    [Theory]
    [InlineData("// EXIT: -1\n", "EXIT wants a status")]
    [InlineData("// CHECK: {{[}}\n", "regular expression is malformed")]
    [InlineData("// OPTIONS: report_format=json\n", "may not set report_format")]
    public void Malformed_directives_are_refused_naming_the_line(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => Write(text));
        Assert.Contains("t.c:1: ", e.Message);
        Assert.Contains(why, e.Message);
    }
}
