// The shape of an instrumented file and what happens when a file cannot be instrumented (SourceInstrumenter).
using System.Text;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public class SourceInstrumenterTests
{
    private const string Demo = """
        #include <allocs.h>
        #include <stdio.h>
        int main(int argc, char **argv)
        {
          void *p = malloc(42 * sizeof(int));
          void *ptrs[] = { main, p, &p, argv, NULL };
          for (void **x = &ptrs[0]; *x; ++x)
          {
            printf("At %p is a %s-allocated object of size %u, type %s\n",
              *x, alloc_get_allocator(*x)->name, (unsigned) alloc_get_size(*x), UNIQTYPE_NAME(alloc_get_type(*x)));
          }
          return 0;
        }

        """;

    [Fact]
    public void The_liballocs_demo_is_instrumented_and_compiles_cleanly()
    {
        string path = Instrumenting.WriteSource(Demo);
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Equal(("malloc", "int$32", true), (result.Sites[0].Allocator, Instrumenting.NameOf(result.Sites[0].ElementType), result.Sites[0].IsArray));
        Assert.Equal(["p", "ptrs"], result.Locals.Select(l => l.Name));
        Assert.Equal("main", Assert.Single(result.Statics).Name);
        Assert.Contains(result.Uniqtypes, u => u.Name == "__FUN_FROM___ARG0_int$32__ARG1___PTR___PTR_signed_char$8__FUN_TO_int$32");
        Instrumenting.AssertCompiles(result, path, "-c", "-Wall", "-Werror", "-O2");
    }

    [Fact]
    public void The_output_is_prelude_then_the_original_lines_at_their_numbers_then_the_metadata()
    {
        string path = Instrumenting.WriteSource(Demo);
        string text = Instrumenting.Text(Instrumenting.File(path));
        string[] original = Demo.Split('\n');
        string[] lines = text.Split('\n');
        int first = Array.IndexOf(lines, $"#line 1 \"{path}\"") + 1;
        Assert.True(first > 0, "a #line 1 directive naming the source precedes the original text");
        Assert.StartsWith("#pragma GCC diagnostic push", lines[0]);
        Assert.Contains($"#include \"{Path.Combine(Repo.Include, "liballocs_checks.h")}\"", text);
        for (int i = 0; i < original.Length - 1; i++)
        {
            Assert.True(IsSubsequence(original[i], lines[first + i]), $"line {i + 1} lost text: '{lines[first + i]}'");
        }

        Assert.Equal($"#line 1 \"{path}.allocs-meta\"", lines[first + original.Length]);
        Assert.Contains("static void __liballocs_register_this_tu(void) { __liballocs_hook_register_tu(&__liballocs_tu); }", text);
    }

    [Fact]
    public void A_file_clang_cannot_parse_is_left_uninstrumented_with_a_warning_naming_the_line()
    {
        InstrumentationResult result = Instrumenting.Source("int main(void)\n{\n  return 0\n}\n");
        Assert.Null(result.Output);
        Diagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("LA1004", DiagnosticSeverity.Warning, 3), (warning.Descriptor.Id, warning.Descriptor.Severity, warning.Line));
        Assert.Matches(@"^allocscc: warning: .*t\.c:3: cannot instrument \(expected ';' after return statement\); compiling uninstrumented \[LA1004\]$",
            warning.Format());
    }

    [Fact]
    public void Old_style_code_gcc_accepts_is_still_instrumented()
    {
        string path = Instrumenting.WriteSource("int f(a, b) int a; char *b; { return g(a) + b[0]; }\nint g(int x) { return x; }\n");
        InstrumentationResult result = Instrumenting.File(path);
        Assert.NotNull(result.Output);
        Assert.Equal(["f", "g"], result.Statics.Select(s => s.Name));
        Instrumenting.AssertCompiles(result, path, "-std=gnu89");
    }

    [Fact]
    public void A_byte_order_mark_stays_first()
    {
        string path = Instrumenting.WriteSource("");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("int x[2];\nint *f(void) { int a[2] = {0}; (void)a; return x; }\n")]);
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'#'], result.Output![..4]);
        Assert.Contains("int a[2] = {0}; __extension__ struct", Instrumenting.Text(result));
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Werror");
    }

    [Fact]
    public void Generated_code_compiles_under_strict_c89_and_with_clang()
    {
        string path = Instrumenting.WriteSource("""
            #include <stdlib.h>
            struct node { struct node *next; char name[8]; enum { A, B } kind; };
            static struct node *make(void)
            {
              struct node *n = malloc(sizeof *n);
              return n;
            }
            int main(void)
            {
              struct node local;
              struct node *heap = make();
              local.next = heap;
              free(local.next);
              return local.name[0] == 0;
            }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-std=c89");
        Instrumenting.AssertCompiles(result, path, "-std=c89", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wcast-qual");
        if (File.Exists("/usr/bin/clang-14"))
        {
            string copy = path + ".clang.c";
            File.WriteAllBytes(copy, result.Output!);
            ProcessResult clang = Processes.Run("/usr/bin/clang-14", ["-fsyntax-only", "-std=c89", "-Wall", "-Werror", "-idirafter", Repo.Include, copy]);
            Assert.True(clang.ExitCode == 0, clang.All);
        }
    }

    private static bool IsSubsequence(string needle, string haystack)
    {
        int j = 0;
        foreach (char c in haystack)
        {
            if (j < needle.Length && needle[j] == c)
            {
                j++;
            }
        }

        return j == needle.Length;
    }

    [Fact]
    public void What_allocscc_adds_compiles_without_padding_warnings()
    {
        string path = Instrumenting.WriteSource("""
            #include <stdlib.h>
            struct pair { long a; long b; };
            static int level;
            int main(void)
            {
              struct pair *p = malloc(sizeof *p);
              int ok = p != 0 && level == 0;
              free(p);
              return !ok;
            }
            """);
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wpadded", "-Werror", "-c");
        Instrumenting.AssertCompilesWithClang(result, path, "-Wpadded", "-Werror");
    }
}
