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

    [Fact]
    public void A_response_file_is_expanded_recursively_with_gccs_quoting_and_a_missing_one_is_passed_on_literally()
    {
        string dir = Directory.CreateTempSubdirectory("rsp-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "inner"), "-DINNER 'b c.c'");
            File.WriteAllText(Path.Combine(dir, "outer"), $"-c \"-DX=a b\" -I'it''s' a.c @{Path.Combine(dir, "inner")}\n-DQ=\\'");
            var line = CompilerCommandLine.Parse(["@" + Path.Combine(dir, "outer"), "@" + Path.Combine(dir, "missing")]);
            Assert.Equal(["-c", "-DX=a b", "-Iits", "a.c", "-DINNER", "b c.c", "-DQ='", "@" + Path.Combine(dir, "missing")], line.Arguments);
            Assert.Equal([("a.c", true), ("b c.c", true)], line.Inputs.Select(i => (i.Path, i.IsCSource)));
            Assert.Equal(["-DX=a b", "-Iits", "-DINNER", "-DQ='"], line.ClangArguments);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Macros_and_include_directories_given_through_wp_xpreprocessor_and_long_options_reach_libclang()
    {
        var line = CompilerCommandLine.Parse(["-Wp,-DA=1,-UB,-I,inc", "-Xpreprocessor", "-DC", "--define-macro", "D", "--define-macro=E=2",
            "--include-directory", "dir", "--include-directory=dir2", "--undefine-macro=F", "-c", "a.c"]);
        Assert.Equal(["-DA=1", "-UB", "-I", "inc", "-Xpreprocessor", "-DC", "-D", "D", "-DE=2", "-I", "dir", "-Idir2", "-UF"], line.ClangArguments);
        Assert.Equal(["a.c"], line.Inputs.Select(i => i.Path));
    }

    [Fact]
    public void Options_that_change_type_layout_or_the_target_reach_libclang()
    {
        string[] layout = ["-fshort-enums", "-fshort-wchar", "-mms-bitfields", "-malign-double", "-funsigned-char", "--target=x86_64-linux-gnu"];
        var line = CompilerCommandLine.Parse([.. layout, "-c", "a.c"]);
        Assert.Equal(layout, line.ClangArguments);
        Assert.True(line.CharIsUnsigned);
        Assert.False(CompilerCommandLine.Parse(["-funsigned-char", "-fsigned-char", "a.c"]).CharIsUnsigned);
    }

    [Fact]
    public void Packed_structs_32_bit_targets_and_standard_input_are_recognised_the_last_option_winning()
    {
        Assert.True(CompilerCommandLine.Parse(["-fpack-struct=2", "a.c"]).PacksStructs);
        Assert.False(CompilerCommandLine.Parse(["-fpack-struct", "-fno-pack-struct", "a.c"]).PacksStructs);
        Assert.True(CompilerCommandLine.Parse(["-mx32", "a.c"]).Is32Bit);
        Assert.False(CompilerCommandLine.Parse(["-m32", "-m64", "a.c"]).Is32Bit);
        Assert.True(CompilerCommandLine.Parse(["-x", "c", "-"]).ReadsCFromStandardInput);
        Assert.False(CompilerCommandLine.Parse(["-x", "assembler", "-"]).ReadsCFromStandardInput);
    }

    [Fact]
    public void Kbuilds_wp_md_names_the_dependency_file()
    {
        var line = CompilerCommandLine.Parse(["-Wp,-MMD,dir/.a.o.d", "-c", "a.c"]);
        Assert.True(line.WritesDependencies);
        Assert.Equal("dir/.a.o.d", line.DependencyFile);
    }

    [Fact]
    public void Dependency_files_when_linking_are_named_after_the_output_or_after_a_out_and_the_source()
    {
        Assert.Equal(["prog.d"], DependencyFiles.Candidates(CompilerCommandLine.Parse(["-MD", "s/a.c", "-o", "prog"]), "s/a.c"));
        Assert.Equal(["out/prog.d"], DependencyFiles.Candidates(CompilerCommandLine.Parse(["-MD", "s/a.c", "-o", "out/prog.exe"]), "s/a.c"));
        Assert.Equal(["a-a.d", "a.d"], DependencyFiles.Candidates(CompilerCommandLine.Parse(["-MD", "s/a.c"]), "s/a.c"));
    }
}
