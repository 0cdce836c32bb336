// Classifying a gcc command line (CompilerCommandLine).
using Liballocs.Instrument.Driver;

namespace Liballocs.Tests.Instrument;

public class CompilerCommandLineTests
{
    [Fact]
    public void Sources_objects_and_option_values_are_told_apart()
    {
        var line = CompilerCommandLine.Parse(["-c", "-o", "out.o", "-I", "inc", "-Iinc2", "-DX=1", "-include", "cfg.h", "a.c", "lib.a", "-MF", "dep.c", "-lm"]);
        Assert.Equal([("a.c", true), ("lib.a", false)], line.Inputs.Select(i => (i.Path, i.IsCSource)));
        Assert.True(line.CompileOnly);
        Assert.False(line.Links);
        Assert.Equal(("out.o", "dep.c"), (line.Output, line.DependencyFile));
        Assert.Equal(["-I", "inc", "-Iinc2", "-DX=1", "-include", "cfg.h"], line.ClangArguments);
    }

    [Fact]
    public void Dash_x_c_makes_any_file_a_c_source_until_dash_x_none()
    {
        var line = CompilerCommandLine.Parse(["-x", "c", "prog.txt", "-x", "none", "other.txt", "-xc", "third.inc"]);
        Assert.Equal([true, false, true], line.Inputs.Select(i => i.IsCSource));
    }

    [Fact]
    public void Preprocessing_and_dependency_listing_pass_straight_through()
    {
        Assert.True(CompilerCommandLine.Parse(["-E", "a.c"]).IsPassThrough);
        Assert.True(CompilerCommandLine.Parse(["-MM", "a.c"]).IsPassThrough);
        Assert.False(CompilerCommandLine.Parse(["-MD", "-c", "a.c"]).IsPassThrough);
        Assert.True(CompilerCommandLine.Parse(["-MMD", "a.c", "-o", "prog"]).Links);
    }

    [Fact]
    public void The_verbose_switch_is_removed_and_everything_else_is_kept_in_order()
    {
        string[] args = ["-O2", "--allocscc-verbose", "-Wl,--as-needed", "-g3", "-std=gnu99", "x.c", "-m32", "-funsigned-char"];
        var line = CompilerCommandLine.Parse(args);
        Assert.True(line.Verbose);
        Assert.Equal(args.Where(a => a != "--allocscc-verbose"), line.Arguments);
        Assert.Equal(["-O2", "-std=gnu99", "-m32", "-funsigned-char"], line.ClangArguments);
        Assert.True(line.Is32Bit);
        Assert.True(line.CharIsUnsigned);
    }

    [Fact]
    public void Allocscc_stats_and_like_a_options_are_read_and_never_reach_the_compiler()
    {
        var line = CompilerCommandLine.Parse(["--allocscc-stats", "-c", "--allocscc-like-a=packet, header", "a.c", "--allocscc-like-a=frame"]);
        Assert.True(line.Stats);
        Assert.Equal(["packet", "header", "frame"], line.LikeTypes);
        Assert.Equal(["-c", "a.c"], line.Arguments);
    }

    [Fact]
    public void Allocators_files_and_explain_allocations_are_read_in_order_and_never_reach_the_compiler()
    {
        var line = CompilerCommandLine.Parse(["--allocators", "a.yaml", "-c", "--explain-allocations", "--allocators=b.yaml", "t.c"]);
        Assert.Equal(["a.yaml", "b.yaml"], line.AllocatorFiles);
        Assert.True(line.ExplainAllocations);
        Assert.Null(line.MissingValue);
        Assert.Equal(["-c", "t.c"], line.Arguments);
        Assert.NotNull(CompilerCommandLine.Parse(["t.c", "--allocators"]).MissingValue);
    }
}
