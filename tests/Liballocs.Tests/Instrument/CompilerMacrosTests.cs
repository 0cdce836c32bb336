// libclang parses with the real compiler's predefined macros (CompilerMacros), so it sees the branches gcc compiles.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Driver;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public class CompilerMacrosTests
{
    private const string Branches = """
        #include <stdlib.h>
        struct a { int x; };
        #ifdef __clang__
        static int clang_only(void) { return 1; }
        int (*const pick)(void) = clang_only;
        #endif
        #if __GNUC__ >= 5 && !defined __clang__
        struct a *gcc_only(void *p) { return (struct a *) p; }
        #endif
        #ifdef __OPTIMIZE__
        struct a *optimised(void *p) { return (struct a *) p; }
        #endif
        """;

    [Fact]
    public void The_branches_gcc_takes_are_the_ones_instrumented()
    {
        string path = Instrumenting.WriteSource(Branches);
        InstrumentationResult result = Instrumenting.File(path, "-O2");
        Assert.Equal(2, result.Casts.Sites.Count);
        Assert.DoesNotContain(result.Statics, s => s.Name == "clang_only" || s.Name == "pick");
        Instrumenting.AssertCompiles(result, path, "-c", "-O2", "-Wall", "-Werror");
    }

    [Fact]
    public void Optimisation_and_the_command_lines_own_macros_decide_as_they_do_for_gcc()
    {
        string path = Instrumenting.WriteSource(Branches);
        Assert.Single(Instrumenting.File(path, "-O0").Casts.Sites);
        Assert.Single(Instrumenting.File(path, "-O2", "-U__OPTIMIZE__").Casts.Sites);
        Assert.Equal(2, Instrumenting.File(path, "-O0", "-D__OPTIMIZE__=1").Casts.Sites.Count);
    }

    [Fact]
    public void A_users_imacros_file_sees_the_compilers_macros_too()
    {
        string path = Instrumenting.WriteSource("""
            struct a { int x; };
            #ifdef SEES_GCC
            struct a *f(void *p) { return (struct a *) p; }
            #endif
            """);
        string macros = Path.Combine(Path.GetDirectoryName(path)!, "u.h");
        File.WriteAllText(macros, "#if defined __GNUC__ && __GNUC__ >= 5 && !defined __clang__\n#define SEES_GCC 1\n#endif\n");
        Assert.Single(Instrumenting.File(path, "-imacros", macros).Casts.Sites);
    }

    [Fact]
    public void System_headers_that_use_gcc_only_types_and_attributes_parse()
    {
        string path = Instrumenting.WriteSource("""
            #define _GNU_SOURCE
            #include <stdlib.h>
            #include <stdio.h>
            #include <math.h>
            #include <complex.h>
            #include <string.h>
            #include <wchar.h>
            struct a { int x; };
            struct a *f(void *p) { return (struct a *) p; }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-O2", "-std=gnu11");
        Assert.Single(result.Casts.Sites);
        Assert.DoesNotContain(result.Diagnostics, d => d.Descriptor == DiagnosticDescriptors.CannotInstrument);
    }

    [Fact]
    public void A_compiler_that_does_not_print_its_macros_leaves_clangs_after_a_warning()
    {
        string directory = Processes.TempDirectory("macros");
        IReadOnlyList<string> arguments = CompilerMacros.PrefixArguments(["false"], ["-O2"], new HashSet<string>(), directory, out Diagnostic? problem);
        Assert.Empty(arguments);
        Assert.NotNull(problem);
        Assert.Equal("LA1019", problem.Descriptor.Id);
        Assert.Contains("'false -O2 -dM -E -x c /dev/null' failed: exit status 1", problem.Format());
        arguments = CompilerMacros.PrefixArguments(["true"], [], new HashSet<string>(), directory, out problem);
        Assert.Empty(arguments);
        Assert.Contains("printed no macro definitions", problem!.Message);
        Directory.Delete(directory, recursive: true);
    }
}
