// Code not built by allocscc: programs run under the preload library, and libraries typed from their DWARF.
using System.Text.RegularExpressions;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.EndToEnd;

public sealed class UninstrumentedCodeTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("uninstrumented");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Preload => Path.Combine(Repo.Lib, "liballocs_preload.so");

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private ProcessResult Run(string program, params string[] args) => Run(program, new Dictionary<string, string?>(), args);

    private ProcessResult Run(string program, Dictionary<string, string?> env, params string[] args)
    {
        var r = Processes.Run(Path.Combine(dir, program), args, dir, env);
        Assert.True(r.ExitCode == 0, $"{program} exited {r.ExitCode}:\n{r.All}");
        return r;
    }

    private void Cc(params string[] args)
    {
        var r = Processes.Run("cc", args, dir);
        Assert.True(r.ExitCode == 0, $"cc {string.Join(' ', args)}:\n{r.All}");
    }

    private void Allocscc(params string[] args)
    {
        var r = Processes.Run(Repo.Allocscc, args, dir);
        Assert.True(r.ExitCode == 0, $"allocscc {string.Join(' ', args)}:\n{r.All}");
    }

    private static readonly string Demo = Path.Combine(Repo.Corpus, "demo", "liballocs_demo.c");

    [Fact]
    public void The_demo_built_with_plain_cc_answers_under_the_preload_library()
    {
        Cc("-g", "-I", Repo.Include, Demo, "-L", Repo.Lib, "-lliballocs_dummyweaks", $"-Wl,-rpath,{Repo.Lib}", "-o", "demo");
        var lines = Run("demo", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload }).Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        // main's type from its DWARF, spelled as allocscc spells it.
        Assert.Matches(@"^At 0x[0-9a-f]+ is a static-allocated object of size [1-9][0-9]*, type __FUN_FROM___ARG0_int\$32__ARG1___PTR___PTR_signed_char\$8__FUN_TO_int\$32$", lines[0]);
        // Without allocscc no site says what malloc's block holds: its size, and an unknown type.
        Assert.Matches(@"^At 0x[0-9a-f]+ is a malloc-allocated object of size 168, type \(unknown type\)$", lines[1]);
        // &p is main's local p, found by unwinding to main's frame and reading main's DWARF at its code address.
        Assert.Matches(@"^At 0x[0-9a-f]+ is a stack-allocated object of size 8, type __PTR_void$", lines[2]);
        Assert.Matches(@"^At 0x[0-9a-f]+ is a auxv-allocated object of size 16, type __ARR2___PTR_signed_char\$8$", lines[3]);
    }

    [Fact]
    public void A_program_built_with_allocscc_and_run_with_the_preload_library_loads_the_runtime_once()
    {
        Allocscc("-g", Demo, "-o", "demo");
        var plain = Run("demo").Stdout;
        var r = Run("demo", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload, ["LD_DEBUG"] = "libs" });
        // The preload library is libliballocs.so by soname: the program's own dependency is that one object.
        Assert.Single(Regex.Matches(r.Stderr, @"calling init: \S*(liballocs_preload|libliballocs)\.so"));
        Assert.Equal(Regex.Replace(plain, "0x[0-9a-f]+", "0x?"), Regex.Replace(r.Stdout, "0x[0-9a-f]+", "0x?"));
        Assert.Contains("is a stack-allocated object of size 8, type __PTR_void", r.Stdout);
    }

    [Theory]
    [InlineData("-O0")]
    [InlineData("-O2")]
    public void Locals_of_uninstrumented_frames_are_typed_from_DWARF_by_the_frame_s_code_address(string optimisation)
    {
        Write("frames.c", """
            #include <allocs.h>
            #include <stdio.h>
            struct pair { short a; long b; };
            static void show(const char *what, const void *p)
            {
              const struct allocator *a = alloc_get_allocator(p);
              const char *base = alloc_get_base(p);
              printf("%s: %s base+%ld size %lu type %s\n", what, a ? a->name : "(none)", base ? (long)((const char *)p - base) : -1L,
                (unsigned long)alloc_get_size(p), UNIQTYPE_NAME(alloc_get_type(p)));
            }
            __attribute__((noinline)) int callee(int param, int n)
            {
              double grid[3][4];
              struct pair pr = { 1, 2 };
              show("param", &param);
              show("grid[2][1]", &grid[2][1]);
              show("pr.b", &pr.b);
              grid[0][0] = n;
              return (int)grid[0][0] + pr.a;
            }
            int main(int argc, char **argv) { (void)argv; return callee(argc, 3) == 4 ? 0 : 1; }
            """);
        Cc("-g", optimisation, "-I", Repo.Include, "frames.c", "-L", Repo.Lib, "-lliballocs_dummyweaks", $"-Wl,-rpath,{Repo.Lib}", "-o", "frames");
        var output = Run("frames", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload }).Stdout;
        Assert.Contains("grid[2][1]: stack base+72 size 96 type __ARR3___ARR4_float$64\n", output);
        Assert.Contains("pr.b: stack base+8 size 16 type pair\n", output);
        // A parameter's home: at -O0 a CFA-relative slot the DWARF names; optimised code may describe it only by a register
        // or a location list of registers, and then the frame answers, untyped, never a wrong type.
        Assert.Matches(optimisation == "-O0" ? @"param: stack base\+0 size 4 type int\$32\n" : @"param: stack base\+\d+ size \d+ type (int\$32|\(unknown type\))\n", output);
    }

    private const string PointHeader = "struct point { int x, y; struct point *next; };\n";

    private const string Library = """
        #include "point.h"
        struct point lib_origin = { 1, 2, 0 };
        double lib_table[4][3];
        enum colour { RED, GREEN } lib_colour = GREEN;
        union word { int i; float f; } lib_word;
        static long counter;
        int lib_add(int a, const char *s) { return a + s[0] + (int)++counter; }
        long *lib_counter(void) { return &counter; }
        int lib_walk(void (*visit)(const char *, const void *), int n)
        {
          struct point local = { n, n + 1, 0 };
          double samples[4] = { 0 };
          visit("lib local", &local.y);
          visit("lib samples", &samples[2]);
          samples[0] = n;
          return (int)samples[0] + local.x - 2 * n;
        }
        """;

    private const string Program = """
        #include <allocs.h>
        #include <stdio.h>
        #include "point.h"
        extern struct point lib_origin;
        extern double lib_table[4][3];
        extern int lib_colour, lib_word;
        int lib_add(int a, const char *s);
        long *lib_counter(void);
        int lib_walk(void (*visit)(const char *, const void *), int n);
        struct point prog_point;
        static void show(const char *what, const void *p)
        {
          const struct allocator *a = alloc_get_allocator(p);
          printf("%s: %s %s\n", what, a ? a->name : "(none)", UNIQTYPE_NAME(alloc_get_type(p)));
        }
        static int doubles;
        static void check_visit(const char *what, const void *p)
        {
          show(what, p);
          const double *d = (const double *)p;   /* right for samples[2], wrong for local.y */
          doubles += d != 0;
        }
        int main(void)
        {
          show("origin", &lib_origin);
          show("table", lib_table);
          show("colour", &lib_colour);
          show("word", &lib_word);
          show("add", (void *)lib_add);
          show("counter", lib_counter());
          lib_walk(check_visit, 3);   /* the library's frame, queried and cast into from the program's callback */
          printf("one point type: %d\n", alloc_get_type(&lib_origin) == alloc_get_type(&prog_point));
          struct point *ok = (struct point *)(void *)&lib_origin;
          struct point *bad = (struct point *)(void *)lib_table;
          return ok->x + (bad != 0) - 2;
        }
        """;

    private string BuildLibraryAndProgram(string[] libraryFlags, bool strip = false)
    {
        Write("point.h", PointHeader);
        Write("lib.c", Library);
        Write("prog.c", Program);
        Cc([.. libraryFlags, "-shared", "-fPIC", "lib.c", "-o", "libdw.so"]);
        if (strip)
            Assert.Equal(0, Processes.Run("strip", ["libdw.so"], dir).ExitCode);
        Allocscc("-g", "prog.c", "-L.", "-ldw", "-Wl,-rpath,$ORIGIN", "-o", "prog");
        return "prog";
    }

    [Theory]
    [InlineData("-O0")]
    [InlineData("-O2")]
    public void Globals_and_functions_of_an_uninstrumented_library_are_typed_from_its_DWARF_and_checked(string optimisation)
    {
        var r = Run(BuildLibraryAndProgram(["-g", optimisation]), new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = "print_summary=1" });
        Assert.Contains("origin: static point\n", r.Stdout);
        Assert.Contains("table: static __ARR4___ARR3_float$64\n", r.Stdout);
        Assert.Contains("colour: static colour\n", r.Stdout);
        Assert.Contains("word: static word\n", r.Stdout);
        Assert.Contains("add: static __FUN_FROM___ARG0_int$32__ARG1___PTR_signed_char$8__FUN_TO_int$32\n", r.Stdout);
        Assert.Contains("counter: static int$64\n", r.Stdout);   // a file-scope static, found by its DW_OP_addr
        // Locals of the library's frame below the program's callback: found by unwinding, typed by the frame's code address.
        Assert.Contains("lib local: stack point\n", r.Stdout);
        Assert.Contains("lib samples: stack __ARR4_float$64\n", r.Stdout);
        // A type described by the library's DWARF and by the program's instrumented TU is one uniqtype.
        Assert.Contains("one point type: 1\n", r.Stdout);
        // Casts into the library's globals are checked, not passed as unknown storage.
        Assert.Contains("runtime error: bad cast to 'struct point *' (is_a)", r.Stderr);
        Assert.Contains("is 0 bytes into a 'double[4][3]' static allocation of 96 bytes", r.Stderr);
        // And casts into its frames: local.y is an int inside a struct point.
        Assert.Contains("runtime error: bad cast to 'const double *' (is_a)", r.Stderr);
        Assert.Contains("is 4 bytes into a 'struct point' stack allocation of 16 bytes; subobject at that offset: 'int'", r.Stderr);
        Assert.Contains("liballocs: 4 checks begun: 2 passed (0 via cache), 2 failed, 0 unknown storage", r.Stderr);
    }

    [Fact]
    public void A_stripped_library_answers_unknown_types_and_unknown_storage()
    {
        var r = Run(BuildLibraryAndProgram(["-g", "-O2"], strip: true), new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = "print_summary=1" });
        Assert.Contains("origin: static (unknown type)\n", r.Stdout);
        Assert.Contains("add: static (unknown type)\n", r.Stdout);
        Assert.Contains("lib local: stack (unknown type)\n", r.Stdout);   // the frame, untyped
        Assert.Contains("one point type: 0\n", r.Stdout);
        Assert.DoesNotContain("runtime error", r.Stderr);
        Assert.Contains("liballocs: 4 checks begun: 0 passed (0 via cache), 0 failed, 4 unknown storage", r.Stderr);
        Assert.Contains("unknown storage by cause: 2 no record, 2 uninstrumented object", r.Stderr);
    }

    [Fact]
    public void A_library_s_type_is_taken_for_the_program_s_only_when_their_layouts_agree()
    {
        Write("shared.h", "typedef struct { int q; double r; } anon_t;\n");
        Write("other.c", """
            #include "shared.h"
            struct node { double x; int *p; } lib_node;   /* the program's struct node is another layout */
            anon_t lib_anon = { 1, 2.0 };
            void *lib_node_p(void) { return &lib_node.p; }
            void *lib_anon_p(void) { return &lib_anon; }
            """);
        Write("main.c", """
            #include <allocs.h>
            #include <stdio.h>
            #include "shared.h"
            struct node { int a; char name[16]; } prog_node;
            anon_t prog_anon;
            void *lib_node_p(void);
            void *lib_anon_p(void);
            int main(void)
            {
              int **pp = (int **)lib_node_p();        /* right: lib_node.p is an int * */
              anon_t *a = (anon_t *)lib_anon_p();     /* right, and named by its typedef in both */
              printf("%s %d %d\n", UNIQTYPE_NAME(alloc_get_type(lib_anon_p())), alloc_get_type(lib_anon_p()) == alloc_get_type(&prog_anon),
                pp != 0 && a->q == 1 && prog_node.a == 0);
              return 0;
            }
            """);
        Cc("-g", "-shared", "-fPIC", "other.c", "-o", "libother.so");
        Allocscc("-g", "main.c", "-L.", "-lother", "-Wl,-rpath,$ORIGIN", "-o", "main");
        var r = Run("main", new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = "print_summary=1" });
        Assert.Equal("anon_t 1 1\n", r.Stdout);
        Assert.DoesNotContain("runtime error", r.Stderr);
        // lib_node's layout disagrees with the program's struct node: unknown, never the program's layout.
        Assert.Contains("liballocs: 2 checks begun: 1 passed (0 via cache), 0 failed, 1 unknown storage", r.Stderr);
    }

    [Theory]
    [InlineData("-O1")]
    [InlineData("-O2")]
    [InlineData("-Os")]
    public void Slots_optimised_code_shares_between_blocks_and_same_named_structs_of_other_member_types_raise_no_false_report(string optimisation)
    {
        // gcc gives sibling blocks' locals one slot and, optimising, may merge their calls: the callback's pc then lies in
        // the last block only, whatever the slot holds. And a library's private struct buf is not the program's.
        Write("slots.c", """
            struct A { int k; long v[7]; };
            struct buf { unsigned char *data; int len; } lib_buf = { 0, 7 };
            void sink(void *p) { __asm__ volatile("" :: "r"(p) : "memory"); }
            void run(void (*cb)(void *), int which)
            {
              if (which == 1) { struct A a; a.k = 1; sink(&a); cb(&a); sink(&a); }
              else if (which == 2) { double d[8]; d[0] = 2; sink(d); cb(d); sink(d); }
              else { char s[64]; s[0] = 3; sink(s); cb(s); sink(s); }
            }
            void give_len(void (*cb)(void *)) { cb(&lib_buf.len); }
            """);
        Write("user.c", """
            #include <stddef.h>
            #include <stdio.h>
            struct A { int k; long v[7]; };
            struct buf { char *data; size_t len; } mine;
            void run(void (*cb)(void *), int which);
            void give_len(void (*cb)(void *));
            static void cb1(void *p) { struct A *a = (struct A *)p; printf("A %d\n", a->k); }
            static void cb2(void *p) { double *d = (double *)p; printf("d %g\n", d[0]); }
            static void cb3(void *p) { char *s = (char *)p; printf("s %d\n", s[0]); }
            static void len(void *p) { int *n = (int *)p; printf("len %d\n", *n + (int)mine.len); }
            int main(void) { run(cb1, 1); run(cb2, 2); run(cb3, 3); give_len(len); return 0; }
            """);
        Cc("-g", optimisation, "-shared", "-fPIC", "slots.c", "-o", "libslots.so");
        Allocscc("-g", "user.c", "-L.", "-lslots", "-Wl,-rpath,$ORIGIN", "-o", "user");
        var r = Run("user", new Dictionary<string, string?> { ["LIBALLOCS_OPTIONS"] = "print_summary=1" });
        Assert.Equal("A 1\nd 2\ns 3\nlen 7\n", r.Stdout);
        Assert.DoesNotContain("runtime error", r.Stderr);
    }

    [Fact]
    public void A_library_loaded_where_a_closed_one_was_is_typed_by_its_own_DWARF()
    {
        Write("a.c", "struct a_thing { int a; } the_var;\n");
        Write("b.c", "struct b_thing { long b; char c; } the_var;\n");
        Cc("-g", "-shared", "-fPIC", "a.c", "-o", "liba.so");
        Cc("-g", "-shared", "-fPIC", "b.c", "-o", "libb.so");
        Write("dl.c", """
            #include <allocs.h>
            #include <dlfcn.h>
            #include <stdio.h>
            static void show(const char *lib)
            {
              void *h = dlopen(lib, RTLD_NOW);
              printf("%s %s\n", lib, UNIQTYPE_NAME(alloc_get_type(dlsym(h, "the_var"))));
              dlclose(h);
            }
            int main(void) { show("./liba.so"); show("./libb.so"); show("./liba.so"); return 0; }
            """);
        Cc("-g", "-I", Repo.Include, "dl.c", "-ldl", "-L", Repo.Lib, "-lliballocs_dummyweaks", $"-Wl,-rpath,{Repo.Lib}", "-o", "dl");
        var r = Run("dl", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload });
        Assert.Equal("./liba.so a_thing\n./libb.so b_thing\n./liba.so a_thing\n", r.Stdout);
    }

    [Fact]
    public void An_enumeration_typed_from_DWARF_lists_its_enumerators_as_struct_uniqtype_enumerator()
    {
        Write("lib.c", "enum colour { RED = 1, GREEN = 5, BLUE = -3 } lib_colour = GREEN;\n");
        Cc("-g", "-shared", "-fPIC", "lib.c", "-o", "libcolour.so");
        Write("enums.c", """
            #include <allocs.h>
            #include <stdio.h>
            extern int lib_colour;
            int main(void)
            {
              const struct uniqtype *t = alloc_get_type(&lib_colour);
              if (!t || t->kind != UNIQTYPE_KIND_ENUMERATION) { printf("not an enumeration\n"); return 0; }
              for (unsigned long i = 0; i < t->count; i++)
                printf("%s=%lld\n", t->enumerators[i].name, t->enumerators[i].value);
              return 0;
            }
            """);
        Cc("-g", "-I", Repo.Include, "enums.c", "-L.", "-lcolour", "-L", Repo.Lib, "-lliballocs_dummyweaks",
            $"-Wl,-rpath,{Repo.Lib}", "-Wl,-rpath,$ORIGIN", "-o", "enums");
        var r = Run("enums", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload });
        Assert.Equal("RED=1\nGREEN=5\nBLUE=-3\n", r.Stdout);
    }

    [Fact]
    public void Libc_s_stdout_is_static_and_typed_when_its_debugging_information_is_installed()
    {
        Write("out.c", """
            #include <allocs.h>
            #include <stdio.h>
            int main(void)
            {
              const struct allocator *a = alloc_get_allocator(stdout);
              printf("%s %s\n", a ? a->name : "(none)", UNIQTYPE_NAME(alloc_get_type(stdout)));
              a = alloc_get_allocator(&stdout);   /* the pointer itself: libc's, copied into this executable at load */
              printf("%s %s\n", a ? a->name : "(none)", UNIQTYPE_NAME(alloc_get_type(&stdout)));
              return 0;
            }
            """);
        Cc("-g", "-I", Repo.Include, "out.c", "-L", Repo.Lib, "-lliballocs_dummyweaks", $"-Wl,-rpath,{Repo.Lib}", "-o", "out");
        var line = Run("out", new Dictionary<string, string?> { ["LD_PRELOAD"] = Preload }).Stdout;
        var libcDebug = Processes.Run("dpkg-query", ["-W", "-f", "${Status}", "libc6-dbg"]).Stdout.Contains("install ok installed", StringComparison.Ordinal);
        // With libc6-dbg, stdout is libc's _IO_2_1_stdout_, a struct _IO_FILE_plus (a FILE and its jump table); without, unknown.
        Assert.Equal(libcDebug ? "static _IO_FILE_plus\nstatic __PTR__IO_FILE\n" : "static (unknown type)\nstatic (unknown type)\n", line);
    }
}
