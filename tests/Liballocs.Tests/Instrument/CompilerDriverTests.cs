// allocscc as a cc: the commands it runs, what it adds, and what it leaves alone (CompilerDriver).
using Liballocs.Instrument.Driver;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public sealed class CompilerDriverTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("driver");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs the driver with <paramref name="compiler"/> as the real compiler; returns the status and what it printed.</summary>
    private static (int Status, string Stderr) Run(IReadOnlyList<string> compiler, bool verbose, params string[] args) =>
        RunWith(compiler, verbose, null, args);

    /// <summary>As <see cref="Run"/>, with <c>LIBALLOCS_ALLOCATORS=<paramref name="allocators"/></c>.</summary>
    private static (int Status, string Stderr) RunWith(IReadOnlyList<string> compiler, bool verbose, string? allocators, params string[] args)
    {
        var error = new StringWriter();
        var settings = new DriverSettings(new ToolLayout(Repo.Root), compiler, verbose, KeepTemporaries: false, allocators);
        int status = new CompilerDriver(settings, error).Run(args);
        return (status, error.ToString());
    }

    /// <summary>A fake compiler that appends its arguments, one per line, and a separator line to <c>args.txt</c>; asked for its predefined
    /// macros (<c>-dM</c>), it is gcc.</summary>
    private string[] Recorder() =>
        ["sh", "-c", $"case \" $* \" in *' -dM '*) exec gcc \"$@\";; esac; printf '%s\\n' \"$@\" ---- >> '{Path.Combine(dir, "args.txt")}'", "sh"];

    private List<List<string>> RecordedCommands()
    {
        var commands = new List<List<string>> { new() };
        foreach (string line in File.ReadAllLines(Path.Combine(dir, "args.txt")))
        {
            if (line == "----")
            {
                commands.Add([]);
            }
            else
            {
                commands[^1].Add(line);
            }
        }

        commands.RemoveAt(commands.Count - 1);
        return commands;
    }

    [Fact]
    public void Compiling_with_dash_c_writes_an_object_defining_the_uniqtypes()
    {
        string source = Write("t.c", "#include \"local.h\"\nint counter[N];\nint main(void) { return counter[0]; }\n");
        Write("local.h", "#define N 3\n");
        (int status, string stderr) = Run(["gcc"], verbose: false, "-c", source, "-o", Path.Combine(dir, "t.o"));
        Assert.True(status == 0, stderr);
        ProcessResult nm = Processes.Run("nm", [Path.Combine(dir, "t.o")]);
        Assert.Contains("V __uniqtype____ARR3_int$32", nm.Stdout);
        Assert.Contains("w __liballocs_register_tu", nm.Stdout);
    }

    [Fact]
    public void Linking_puts_the_runtime_before_the_users_inputs_and_compiles_a_copy_beside_an_iquote_of_the_source_directory()
    {
        string source = Write("src/t.c", "int main(void) { return 0; }\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "-O2", source, "-o", Path.Combine(dir, "prog"), "-lm");
        Assert.True(status == 0, stderr);
        List<string> args = Assert.Single(RecordedCommands());
        string lib = Path.Combine(Repo.Root, "artifacts", "lib");
        Assert.Equal([$"-L{lib}", $"-Wl,-rpath,{lib}", "-Wl,--push-state,--no-as-needed", "-lliballocs", "-Wl,--pop-state", "-Wl,-z,nodelete",
            "-idirafter", Repo.Include, "-iquote", Path.Combine(dir, "src"), "-O2"], args.Take(11));
        string copy = args[11];
        Assert.Equal("t.allocs.c", Path.GetFileName(copy));
        Assert.NotEqual(source, copy);
        Assert.False(File.Exists(copy), "the temporary copy is removed afterwards");
        Assert.Equal(["-o", Path.Combine(dir, "prog"), "-lm"], args.Skip(12));
    }

    [Fact]
    public void Preprocessing_passes_the_command_through_uninstrumented_with_the_header_directory()
    {
        string source = Write("t.c", "int x;\n");
        (int status, _) = Run(Recorder(), verbose: false, "-E", source);
        Assert.Equal(0, status);
        Assert.Equal(["-idirafter", Repo.Include, "-E", source], Assert.Single(RecordedCommands()));
    }

    [Fact]
    public void A_file_that_cannot_be_parsed_is_compiled_as_it_is_after_a_warning()
    {
        string source = Write("bad.c", "int main(void) { return 0 }\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "-c", source);
        Assert.Equal(0, status);
        Assert.Contains($"allocscc: warning: {source}:1: cannot instrument (", stderr);
        Assert.Contains(source, Assert.Single(RecordedCommands()));
    }

    [Fact]
    public void The_exit_status_is_the_real_compilers()
    {
        string source = Write("t.c", "int x;\n");
        Assert.Equal(1, Run(["false"], verbose: false, "-c", source).Status);
        Assert.Equal(RealCompiler.NotFound, Run(["/nonexistent/cc"], verbose: false, "-c", source).Status);
    }

    [Fact]
    public void A_dependency_file_names_the_original_source_not_the_copy()
    {
        string source = Write("t.c", "#include \"local.h\"\nint x = N;\n");
        Write("local.h", "#define N 3\n");
        string deps = Path.Combine(dir, "t.d");
        (int status, string stderr) = Run(["gcc"], verbose: false, "-c", "-MD", "-MF", deps, source, "-o", Path.Combine(dir, "t.o"));
        Assert.True(status == 0, stderr);
        string text = File.ReadAllText(deps);
        string[] words = text.Split([' ', '\n', '\\'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([Path.Combine(dir, "t.o") + ":", source], words.Take(2));
        Assert.Contains("local.h", text);
        Assert.DoesNotContain("allocscc-", text);
    }

    [Fact]
    public void Verbose_output_counts_what_was_instrumented_and_shows_the_command()
    {
        string source = Write("t.c", "#include <stdlib.h>\nint main(void) { int *p = malloc(sizeof *p); free(p); return 0; }\n");
        (int status, string stderr) = Run(Recorder(), verbose: true, "-c", source);
        Assert.Equal(0, status);
        Assert.Contains($"allocscc: {source}: 1 allocation sites (1 typed, 0 untyped), 0 locals recorded, 1 statics,", stderr);
        Assert.Contains("allocscc: running: sh -c ", stderr);
    }

    [Fact]
    public void Sources_from_two_directories_compiled_together_get_a_command_each()
    {
        string a = Write("a/x.c", "int x;\n");
        string b = Write("b/y.c", "int y;\n");
        (int status, _) = Run(Recorder(), verbose: false, "-c", a, b, "-O1");
        Assert.Equal(0, status);
        List<List<string>> commands = RecordedCommands();
        Assert.Equal(2, commands.Count);
        Assert.Equal(Path.Combine(dir, "a"), commands[0][commands[0].IndexOf("-iquote") + 1]);
        Assert.Equal(Path.Combine(dir, "b"), commands[1][commands[1].IndexOf("-iquote") + 1]);
        Assert.DoesNotContain(commands[0], arg => arg.EndsWith("y.c", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.Contains("-O1", c));
    }

    [Fact]
    public void Sources_from_two_directories_compiled_together_all_compile_and_the_first_failure_is_the_status()
    {
        string a = Write("a/x.c", "int x;\n");
        string b = Write("b/y.c", "int y;\n");
        // Fails on x.c, instrumented or not (a copy that fails alone is replaced by its source).
        string[] failsOnX = ["sh", "-c", Recorder()[2] + "; case \"$*\" in *x.allocs.c*|*/x.c*) exit 3;; esac", "sh"];
        (int status, _) = Run(failsOnX, verbose: false, "-c", a, b);
        Assert.Equal(3, status);
        List<List<string>> commands = RecordedCommands();
        Assert.Equal(3, commands.Count);   // x's copy, x itself (retried as it is), y's copy
        Assert.Contains(a, commands[1]);
    }

    [Fact]
    public void Dash_o_with_dash_c_and_sources_from_two_directories_is_rejected_as_gcc_rejects_it()
    {
        string a = Write("a/x.c", "int x;\n");
        string b = Write("b/y.c", "int y;\n");
        (int status, _) = Run(["gcc"], verbose: false, "-c", a, b, "-o", Path.Combine(dir, "both.o"));
        Assert.Equal(1, status); // gcc: cannot specify '-o' with '-c', '-S' or '-E' with multiple files
        Assert.False(File.Exists(Path.Combine(dir, "both.o")));
        Run(Recorder(), verbose: false, "-c", a, b, "-o", Path.Combine(dir, "both.o"));
        List<string> command = Assert.Single(RecordedCommands());
        Assert.Equal(["-c", a, b, "-o", Path.Combine(dir, "both.o")], command.Skip(command.Count - 5));
    }

    [Fact]
    public void Sources_from_two_directories_linked_together_each_see_only_their_own_directorys_headers()
    {
        Write("d1/config.h", "#define VALUE 1\n");
        Write("d2/config.h", "#define VALUE 2\n");
        string a = Write("d1/a.c", "#include \"config.h\"\nint a(void) { return VALUE; }\n");
        string b = Write("d2/b.c", "#include \"config.h\"\nint a(void);\nint main(void) { return a() * 10 + VALUE; }\n");
        string prog = Path.Combine(dir, "prog");
        (int status, string stderr) = Run(["gcc"], verbose: false, "-x", "c", a, "-O1", b, "-o", prog);
        Assert.True(status == 0, stderr);
        ProcessResult run = Processes.Run(prog, []);
        Assert.Equal(12, run.ExitCode);
    }

    [Fact]
    public void Linking_statically_is_refused_with_a_clear_error_and_nothing_is_compiled()
    {
        string source = Write("t.c", "int main(void) { return 0; }\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "-static", source, "-o", Path.Combine(dir, "prog"));
        Assert.Equal(1, status);
        Assert.StartsWith("allocscc: error: -static is not supported (the runtime is a shared library)", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "args.txt")));
    }

    [Fact]
    public void Allocscc_stats_prints_one_line_of_cast_counts_per_file()
    {
        string source = Write("casts.c", "struct p { int x; };\nint f(void *v, struct p *q) { struct p *a = v; char *c = (char *) q; return a->x + c[0] + (q == (struct p *) 0); }\n");
        (int status, string stderr) = Run(["gcc"], verbose: false, "--allocscc-stats", "-c", source, "-o", Path.Combine(dir, "casts.o"));
        Assert.True(status == 0, stderr);
        Assert.Equal($"allocscc: {source}: 1 casts checked, 2 elided (1 void/char, 0 identical, 1 null, 0 constant, 0 upcast, 0 allocation, 0 counterpart), 0 skipped", stderr.Trim());
    }

    [Fact]
    public void The_real_compiler_finds_the_checks_header_after_the_users_include_directories()
    {
        Run(Recorder(), verbose: false, "-c", Write("u.c", "int main(void) { return 0; }\n"));
        List<string> command = Assert.Single(RecordedCommands());
        int at = command.IndexOf(Repo.Include);
        Assert.True(at > 0 && command[at - 1] == "-idirafter", string.Join(' ', command));
    }

    [Fact]
    public void A_malformed_allocator_configuration_stops_the_build_before_anything_is_compiled_or_written()
    {
        string source = Write("t.c", "#include <stdlib.h>\nint main(void) { free(malloc(4)); return 0; }\n");
        string bad = Write("bad.yaml", "allocators:\n  pool:\n    kind: suballocator\n    functions:\n      pool_alloc: { size: 0, reallocates: 1 }\n");
        string output = Path.Combine(dir, "t.o");
        (int status, string stderr) = Run(Recorder(), verbose: false, "--allocators", bad, "-c", source, "-o", output);
        Assert.Equal(1, status);
        Assert.StartsWith($"allocscc: error: {bad}:5: 'reallocates' is not supported in suballocators", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "args.txt")), "the compiler must not run");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_malformed_configuration_named_by_the_environment_stops_the_build_too()
    {
        string source = Write("t.c", "int main(void) { return 0; }\n");
        string bad = Write("bad.yaml", "allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions: { f: { size: -1 } }\n");
        (int status, string stderr) = RunWith(Recorder(), false, bad, source, "-o", Path.Combine(dir, "prog"));
        Assert.Equal(1, status);
        Assert.Contains($"{bad}:5: 'size' of function 'f' must be an argument index", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "args.txt")));
    }

    [Fact]
    public void The_allocators_option_never_reaches_the_compiler()
    {
        string source = Write("t.c", "int main(void) { return 0; }\n");
        string yaml = Write("user.yaml", "allocators:\n  w: { kind: wrapper, of: malloc, functions: { xmalloc: { size: 0 } } }\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "--allocators", yaml, "-c", source, $"--allocators={yaml}");
        Assert.True(status == 0, stderr);
        Assert.DoesNotContain(Assert.Single(RecordedCommands()), a => a.Contains("allocators", StringComparison.Ordinal));
    }

    [Fact]
    public void The_allocators_option_without_a_file_is_an_error()
    {
        (int status, string stderr) = Run(Recorder(), verbose: false, "-c", Write("t.c", "int x;\n"), "--allocators");
        Assert.Equal(1, status);
        Assert.Contains("--allocators needs a file name", stderr);
        Assert.Contains("[LA1009]", stderr);
    }

    [Fact]
    public void A_wrapper_of_the_environments_configuration_is_sited_in_the_object()
    {
        string yaml = Write("user.yaml", "allocators:\n  xmem: { kind: wrapper, of: malloc, functions: { xmalloc: { size: 0 } } }\n");
        string source = Write("t.c", "#include <stddef.h>\nvoid *xmalloc(size_t);\nint *f(void) { return xmalloc(sizeof(int)); }\n");
        string output = Path.Combine(dir, "t.o");
        (int status, string stderr) = RunWith(["gcc"], false, yaml, "-c", source, "-o", output);
        Assert.True(status == 0, stderr);
        string strings = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(output));
        Assert.Contains("xmem\0", strings);
        Assert.Contains("xmalloc\0", strings);
    }

    [Fact]
    public void Packed_structs_compile_uninstrumented_after_one_warning_per_file_and_still_link_the_runtime()
    {
        string source = Write("t.c", "int main(void) { return 0; }\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "-fpack-struct=4", source, "-o", Path.Combine(dir, "prog"));
        Assert.Equal(0, status);
        Assert.Equal($"allocscc: warning: {source}: -fpack-struct changes the layout of the runtime's metadata structures; compiling uninstrumented [LA1017]",
            stderr.Trim());
        List<string> args = Assert.Single(RecordedCommands());
        Assert.Contains(source, args);
        Assert.Contains("-lliballocs", args);
    }

    [Fact]
    public void A_32_bit_target_is_refused_with_a_clear_error_and_nothing_is_compiled()
    {
        string source = Write("t.c", "int main(void) { return 0; }\n");
        foreach (string flag in new[] { "-m32", "-mx32" })
        {
            (int status, string stderr) = Run(Recorder(), verbose: false, flag, "-c", source);
            Assert.Equal(1, status);
            Assert.StartsWith("allocscc: error: -m32 and -mx32 are not supported (the runtime is 64-bit only)", stderr);
        }

        Assert.False(File.Exists(Path.Combine(dir, "args.txt")));
    }

    [Fact]
    public void A_source_from_standard_input_is_compiled_uninstrumented_after_one_warning()
    {
        (int status, string stderr) = Run(Recorder(), verbose: false, "-x", "c", "-", "-c", "-o", Path.Combine(dir, "t.o"));
        Assert.Equal(0, status);
        Assert.Equal("allocscc: warning: <stdin>: a source read from standard input (-x c -) is compiled uninstrumented [LA1018]", stderr.Trim());
        Assert.Contains("-", Assert.Single(RecordedCommands()));
    }

    [Fact]
    public void Sources_and_macros_in_a_response_file_are_instrumented_with_the_macros_seen()
    {
        string source = Write("t.c", "int counter[N];\n");
        string rsp = Write("args.rsp", $"-DN=3 '{source}' -c");
        (int status, string stderr) = Run(["gcc"], verbose: false, "@" + rsp, "-o", Path.Combine(dir, "t.o"));
        Assert.True(status == 0, stderr);
        Assert.Contains("V __uniqtype____ARR3_int$32", Processes.Run("nm", [Path.Combine(dir, "t.o")]).Stdout);
    }

    [Fact]
    public void A_file_that_includes_itself_through_file_includes_the_original_not_the_instrumented_copy()
    {
        string source = Write("x.c", "#ifdef ITEM\nITEM(a) ITEM(b)\n#else\nenum e {\n#define ITEM(n) n,\n#include __FILE__\n#undef ITEM\n};\n"
            + "int main(void) { return b; }\n#endif\n");
        string prog = Path.Combine(dir, "prog");
        (int status, string stderr) = Run(["gcc"], verbose: false, source, "-o", prog);
        Assert.True(status == 0, stderr);
        Assert.Equal(1, Processes.Run(prog, []).ExitCode);
    }

    [Fact]
    public void Compiling_without_dash_o_names_the_object_after_the_source_not_the_copy()
    {
        string a = Write("a.c", "int a;\n");
        string b = Write("b.c", "int b;\n");
        (int status, string stderr) = Run(Recorder(), verbose: false, "-c", a, b);
        Assert.True(status == 0, stderr);
        List<List<string>> commands = RecordedCommands();
        Assert.Equal(2, commands.Count);
        Assert.Equal("a.allocs.c", Path.GetFileName(commands[0][^3]));
        Assert.Equal(["-o", "a.o"], commands[0][^2..]);
        Assert.Equal(["-o", "b.o"], commands[1][^2..]);
    }

    [Fact]
    public void A_dependency_file_of_a_compile_without_dash_o_is_corrected_where_gcc_names_it_after_the_source()
    {
        // The real allocscc in its own working directory (gcc writes t.d relative to it): a
        // subprocess, so no test changes this process's current directory under the others.
        Write("t.c", "int x;\n");
        var run = Processes.Run(Repo.Allocscc, ["-c", "-MD", "t.c"], dir);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.True(File.Exists(Path.Combine(dir, "t.o")), "the object is named after the source");
        string deps = File.ReadAllText(Path.Combine(dir, "t.d"));
        Assert.StartsWith("t.o: t.c", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("allocs.c", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("allocscc-", deps, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_file_written_while_linking_is_named_after_the_output_and_names_the_original_source()
    {
        string source = Write("src/t.c", "#include \"local.h\"\nint main(void) { return N; }\n");
        Write("src/local.h", "#define N 0\n");
        string prog = Path.Combine(dir, "prog");
        (int status, string stderr) = Run(["gcc"], verbose: false, "-MMD", source, "-o", prog);
        Assert.True(status == 0, stderr);
        string text = string.Join(' ', File.ReadAllText(prog + ".d").Replace("\\\n", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(text.StartsWith($"{prog}: {source}", StringComparison.Ordinal), text);
        Assert.DoesNotContain(".allocs.", text);
        Assert.DoesNotContain("allocscc-", text);
    }

    [Fact]
    public void Dependency_files_of_sources_from_two_directories_linked_together_are_where_gcc_puts_them_without_temporary_paths()
    {
        string a = Write("d1/a.c", "#include \"config.h\"\nint a(void) { return VALUE; }\n");
        string b = Write("d2/b.c", "#include \"config.h\"\nint a(void);\nint main(void) { return a() + VALUE; }\n");
        Write("d1/config.h", "#define VALUE 1\n");
        Write("d2/config.h", "#define VALUE 2\n");
        string prog = Path.Combine(dir, "prog");
        (int status, string stderr) = Run(["gcc"], verbose: false, "-MD", a, b, "-o", prog);
        Assert.True(status == 0, stderr);
        string text = string.Join(' ', File.ReadAllText(prog + ".d").Replace("\\\n", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)); // gcc 12: every source writes prog.d in turn, so the last one's remains
        Assert.True(text.StartsWith($"{prog}: {b}", StringComparison.Ordinal), text);
        Assert.Contains(Path.Combine(dir, "d2", "config.h"), text);
        Assert.DoesNotContain(".allocs.", text);
        Assert.DoesNotContain("allocscc-", text);
        Assert.Equal(["prog", "prog.d"], Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToList());

        string kbuild = Path.Combine(dir, "kbuild.d");
        (status, stderr) = Run(["gcc"], verbose: false, $"-Wp,-MD,{kbuild}", a, b, "-o", prog);
        Assert.True(status == 0, stderr);
        Assert.Equal([$"{prog}:", b], File.ReadAllText(kbuild).Split([' ', '\n', '\\'], StringSplitOptions.RemoveEmptyEntries).Take(2));
    }

    [Fact]
    public void A_copy_that_does_not_compile_where_its_source_does_is_replaced_by_the_source_after_a_warning()
    {
        // No known input makes a copy fail where its source compiles; a compiler that rejects every copy stands in for one.
        string[] rejectsCopies = ["sh", "-c", "case \"$*\" in *.allocs.c*) echo 't.allocs.c:2:1: error: unforeseen' >&2; exit 1;; esac; exec gcc \"$@\"", "sh"];
        Write("a.h", "struct t { int x; };\n#define FIELD(p) (&((struct t *)(p))->x)\n");
        string source = Write("t.c", "#include \"a.h\"\nint f(void *v) { return *FIELD(v); }\n");
        (int status, string stderr) = Run(rejectsCopies, verbose: false, "-c", source, "-o", Path.Combine(dir, "t.o"));
        Assert.True(status == 0, stderr);
        Assert.Contains($"allocscc: warning: {source}: the instrumented copy did not compile (t.allocs.c:2:1: error: unforeseen); compiled uninstrumented [LA1020]", stderr);
        Assert.Contains("compiled uninstrumented [LA1020]", stderr);
        Assert.DoesNotContain(stderr.Split('\n'), l => l.Contains("error:", StringComparison.Ordinal) && !l.Contains("LA1020", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir, "t.o")));

        // A source that does not compile either fails with the compiler's messages about it, once.
        string broken = Write("broken.c", "#include \"a.h\"\nint f(void *v) { int unused; return *FIELD(v); }\n");
        (status, stderr) = Run(["gcc"], verbose: false, "-Werror=unused-variable", "-c", broken, "-o", Path.Combine(dir, "broken.o"));
        Assert.NotEqual(0, status);
        Assert.DoesNotContain("LA1020", stderr);
        Assert.Single(stderr.Split('\n'), l => l.Contains("error: unused variable 'unused'", StringComparison.Ordinal)
            || l.Contains("error: unused variable \u2018unused\u2019", StringComparison.Ordinal));
        Assert.Contains(broken, stderr);
    }

    [Fact]
    public void A_file_libclang_cannot_parse_under_gccs_macros_is_parsed_under_clangs_with_a_note()
    {
        // Under -Os glibc's fpclassify is a _Generic over float and gcc's distinct _Float32, which clang (with _Float32 as float) rejects.
        string source = Write("t.c", "#include <math.h>\nstruct s { int a; };\nint f(double d, void *p) { struct s *q = (struct s *) p; return fpclassify(d) + q->a; }\n");
        (int status, string stderr) = Run(["gcc"], verbose: true, "-Os", "-c", source, "-o", Path.Combine(dir, "t.o"));
        Assert.True(status == 0, stderr);
        Assert.Contains("parsed with clang's own [LA1021]", stderr);
        Assert.Contains("1 casts checked", stderr);
        Assert.Contains($"U __liballocs_check_slow_v{LiballocsMetaHeader.LIBALLOCS_META_VERSION}u\n",
            Processes.Run("nm", [Path.Combine(dir, "t.o")]).Stdout.Replace(" w ", " U ", StringComparison.Ordinal));
    }
}
