// allocscc as a build system uses it: -c per file, then a separate link; and sources it cannot parse.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.EndToEnd;

public sealed class SeparateCompilationTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("sepcomp");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private ProcessResult Allocscc(params string[] args) => Processes.Run(Repo.Allocscc, args, dir);

    /// <summary>Builds ./prog with allocscc <paramref name="args"/> and runs it; its standard output (both must succeed).</summary>
    private string BuiltProgramOutput(params string[] args)
    {
        var build = Allocscc(args);
        Assert.True(build.ExitCode == 0, build.All);
        var run = Processes.Run(Path.Combine(dir, "prog"), [], dir);
        Assert.True(run.ExitCode == 0, run.All);
        return run.Stdout;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Header = "struct shape { int sides; double area; };\nstruct shape *make_shapes(int n);\n";

    // An object instrumented by an allocscc of another metadata version has inline checks laid out for another cache. Its
    // references name the cache and the slow path with that version (liballocs_checks.h), so against this C layer the slow
    // path stays null and its checks stop before reading the cache (a weak thread-local's address is never null, so the
    // slow path is what the fast path tests); before version 8 the names had no version. What such objects declare is written
    // out here by hand, as the previous version's header and the unversioned ones did, and compiled with plain cc (allocscc's
    // header would rename it).
    [Fact]
    public void Inline_checks_of_another_metadata_version_find_no_cache_or_slow_path_while_this_version_s_do()
    {
        var previous = $"__liballocs_check_slow_v{LiballocsMetaHeader.LIBALLOCS_META_VERSION - 1}u";
        Write("old.c", $$"""
            #include <stdio.h>
            extern void *__liballocs_check_slow(const volatile void *p, const void *site) __attribute__((weak));
            extern void *{{previous}}(const volatile void *p, const void *site) __attribute__((weak));
            void old_object(void)
            {
              printf("unversioned %d, previous version %d\n", &__liballocs_check_slow != 0, &{{previous}} != 0);
            }
            """);
        Write("current.c", """
            #include <stdio.h>
            #include "liballocs_checks.h"
            void old_object(void);
            int main(void)
            {
              old_object();
              printf("this version %d %d\n", __LIBALLOCS_LINKED(__liballocs_check_slow), __LIBALLOCS_LINKED(__liballocs_check_slow_at_line));
              return 0;
            }
            """);
        // --no-as-needed, as allocscc links it: weak references alone would not keep the library.
        var build = Processes.Run("cc", ["-I", Repo.Include, "old.c", "current.c", "-Wl,--no-as-needed", "-L", Repo.Lib, "-lliballocs", $"-Wl,-rpath,{Repo.Lib}", "-o", "prog"], dir);
        Assert.True(build.ExitCode == 0, build.All);
        var run = Processes.Run(Path.Combine(dir, "prog"), [], dir);
        Assert.Equal("unversioned 0, previous version 0\nthis version 1 1\n", run.Stdout);
    }

    [Fact]
    public void Objects_compiled_with_dash_c_link_into_one_program_sharing_one_uniqtype_per_type()
    {
        Write("shape.h", Header);
        Write("make.c", "#include <stdlib.h>\n#include \"shape.h\"\nstruct shape *make_shapes(int n) { return calloc(n, sizeof(struct shape)); }\n");
        Write("main.c", """
            #include <allocs.h>
            #include <stdio.h>
            #include "shape.h"
            struct shape local_shapes[2];
            int main(void)
            {
              struct shape *s = make_shapes(3);
              const struct uniqtype *heap = alloc_get_type(s), *stat = alloc_get_type(local_shapes);
              printf("%s %s same-element %d by-name %d\n", UNIQTYPE_NAME(heap), UNIQTYPE_NAME(stat),
                heap && stat && heap->target == stat->target,
                heap && heap->target == __liballocs_uniqtype_by_name("shape"));
              return 0;
            }
            """);
        Assert.Equal(0, Allocscc("-c", "make.c").ExitCode);
        Assert.Equal(0, Allocscc("-O2", "-c", "main.c", "-o", "main.o").ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "make.o")), "-c without -o writes make.o in the working directory");
        var link = Allocscc("main.o", "make.o", "-o", "prog");
        Assert.True(link.ExitCode == 0, link.All);
        var run = Processes.Run(Path.Combine(dir, "prog"), [], dir);
        Assert.Equal("__ARR3_shape __ARR2_shape same-element 1 by-name 1\n", run.Stdout);
    }

    private const string Confused = """
        #include <stdio.h>
        #include <stdlib.h>
        struct shape { int sides; double area; };
        struct label { char text[16]; };
        int confuse(void)
        {
          struct shape *s = malloc(sizeof *s);
          int n = 4, *pn = &n;
          void *v = s;
          struct label *l = (struct label *) v;
          printf("%d %d\n", l != NULL, *pn);
          free(s);
          return 0;
        }
        """;

    [Fact]
    public void Objects_linked_without_the_runtime_by_cc_gxx_or_into_a_shared_library_run_with_checks_inert()
    {
        Write("confuse.c", Confused);
        Write("main.c", "int confuse(void);\nint main(void) { return confuse(); }\n");
        Assert.Equal(0, Allocscc("-O2", "-c", "confuse.c").ExitCode);
        Assert.Equal(0, Allocscc("-O2", "-fPIC", "-c", "confuse.c", "-o", "confuse.pic.o").ExitCode);
        Assert.Equal(0, Processes.Run("gcc", ["-c", "main.c"], dir).ExitCode);
        string[][] links =
        [
            ["gcc", "-o", "by_cc", "main.o", "confuse.o"],
            ["g++", "-o", "by_gxx", "main.o", "confuse.o"],
            ["gcc", "-shared", "-Wl,-z,defs", "-o", "libconfuse.so", "confuse.pic.o"],
        ];
        foreach (string[] link in links)
        {
            ProcessResult linked = Processes.Run(link[0], link[1..], dir);
            Assert.True(linked.ExitCode == 0, $"{string.Join(' ', link)}:\n{linked.All}");
        }

        ProcessResult withLibrary = Processes.Run("gcc", ["-o", "by_so", "main.o", "-L.", "-lconfuse", "-Wl,-rpath,$ORIGIN"], dir);
        Assert.True(withLibrary.ExitCode == 0, withLibrary.All);
        foreach (string program in new[] { "by_cc", "by_gxx", "by_so" })
        {
            ProcessResult run = Processes.Run("/bin/sh", ["-c", $"exec ./{program} 2>&1"], dir);
            Assert.True(run.ExitCode == 0 && run.Stdout == "1 4\n", $"{program}: {run.ExitCode}\n{run.Stdout}");
        }

        // With the runtime preloaded the same binary checks: its weak references now bind.
        string runtime = Path.Combine(Repo.Lib, "libliballocs.so");
        ProcessResult preloaded = Processes.Run("/bin/sh", ["-c", $"LD_PRELOAD='{runtime}' exec ./by_cc 2>&1"], dir);
        Assert.Contains("confuse.c:10:21: runtime error: bad cast to 'struct label *' (is_a)", preloaded.Stdout);
        Assert.Contains("heap allocation of 16 bytes", preloaded.Stdout);
    }

    // A local's records are activated and popped inline through an offset the runtime publishes, its push is a call: linked
    // with the stubs (needed: weak references alone would drop them), then run with the runtime preloaded, both must bind to the
    // runtime, in a PIE and in position-dependent code (where the offset is copied into the executable).
    [Theory]
    [InlineData("-fPIE", "-pie")]
    [InlineData("-fno-pie", "-no-pie")]
    public void Locals_of_a_program_linked_with_the_stub_library_are_checked_when_the_runtime_is_preloaded(string code, string pie)
    {
        Write("local.c", """
            #include <stdio.h>
            struct a { int x; };
            struct b { double d; };
            static int f(int depth)
            {
              struct a v = { depth };
              void *p = &v;
              struct b *q = (struct b *) p;
              return depth ? f(depth - 1) + (q != 0) : v.x;
            }
            int main(void) { printf("%d\n", f(3)); return 0; }
            """);
        Assert.Equal(0, Allocscc("-O1", code, "-c", "local.c").ExitCode);
        ProcessResult linked = Processes.Run("gcc", [pie, "-o", "local", "local.o", "-L", Repo.Lib, "-Wl,--no-as-needed", "-lliballocs_dummyweaks",
            $"-Wl,-rpath,{Repo.Lib}"], dir);
        Assert.True(linked.ExitCode == 0, linked.All);

        ProcessResult stubs = Processes.Run("/bin/sh", ["-c", "exec ./local 2>&1"], dir);
        Assert.True(stubs.ExitCode == 0 && stubs.Stdout == "3\n", $"{stubs.ExitCode}\n{stubs.Stdout}");

        string runtime = Path.Combine(Repo.Lib, "libliballocs.so");
        ProcessResult preloaded = Processes.Run("/bin/sh", ["-c", $"LD_PRELOAD='{runtime}' exec ./local 2>&1"], dir);
        Assert.True(preloaded.ExitCode == 0, preloaded.All);
        Assert.Contains("local.c:8:17: runtime error: bad cast to 'struct b *' (is_a)", preloaded.Stdout);
        Assert.Contains("is 0 bytes into a 'struct a' stack allocation of 4 bytes", preloaded.Stdout);
        Assert.Contains("declared as 'v' in f local.c:6:", preloaded.Stdout);
        Assert.EndsWith("3\n", preloaded.Stdout);
    }

    [Fact]
    public void A_shared_library_built_with_allocscc_registers_its_types_sites_and_statics()
    {
        Write("shape.h", Header + "extern struct shape lib_shapes[5];\n");
        Write("lib.c", "#include <stdlib.h>\n#include \"shape.h\"\nstruct shape lib_shapes[5];\nstruct shape *make_shapes(int n) { return malloc(n * sizeof(struct shape)); }\n");
        Write("main.c", """
            #include <allocs.h>
            #include <stdio.h>
            #include "shape.h"
            int main(void)
            {
              struct shape *s = make_shapes(4);
              printf("%s %s %s %lu\n", alloc_get_allocator(&s[1])->name, UNIQTYPE_NAME(alloc_get_type(s)),
                UNIQTYPE_NAME(alloc_get_type(&lib_shapes[3].area)), alloc_get_size(lib_shapes));
              return 0;
            }
            """);
        var lib = Allocscc("-shared", "-fPIC", "-O1", "-o", "libshapes.so", "lib.c");
        Assert.True(lib.ExitCode == 0, lib.All);
        var exe = Allocscc("-o", "prog", "main.c", "-L.", "-lshapes", "-Wl,-rpath,$ORIGIN");
        Assert.True(exe.ExitCode == 0, exe.All);
        var run = Processes.Run(Path.Combine(dir, "prog"), [], dir);
        Assert.Equal("malloc __ARR4_shape __ARR5_shape 80\n", run.Stdout);
    }

    [Fact]
    public void An_instrumented_library_loads_with_dlopen_into_an_uninstrumented_program()
    {
        // The C layer then loads late, beside the program: its thread-local storage must fit the little static TLS glibc
        // keeps for libraries loaded after start-up (about 1.6 KiB), or dlopen fails outright.
        Write("plug.c", """
            #include <stdlib.h>
            struct gadget { long id; double weight; };
            long gadget_id(void *p) { struct gadget *g = p; return g->id; }
            void *make_gadget(void) { struct gadget *g = malloc(sizeof *g); g->id = 42; return g; }
            """);
        Write("host.c", """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(void)
            {
              void *lib = dlopen("./libplug.so", RTLD_NOW);
              if (!lib) { printf("dlopen: %s\n", dlerror()); return 1; }
              void *(*make)(void) = (void *(*)(void)) dlsym(lib, "make_gadget");
              long (*id)(void *) = (long (*)(void *)) dlsym(lib, "gadget_id");
              printf("%ld\n", id(make()));
              return 0;
            }
            """);
        var lib = Allocscc("-shared", "-fPIC", "-o", "libplug.so", "plug.c");
        Assert.True(lib.ExitCode == 0, lib.All);
        var host = Processes.Run("cc", ["-o", "host", "host.c", "-ldl"], dir);
        Assert.True(host.ExitCode == 0, host.All);
        var run = Processes.Run(Path.Combine(dir, "host"), [], dir);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("42\n", run.Stdout);
    }

    [Fact]
    public void Memory_from_an_instrumented_library_stays_typed_after_dlclose()
    {
        Write("plug.c", "#include <stdlib.h>\nstruct gadget { long id; double weight; };\nvoid *make_gadget(void) { return malloc(sizeof(struct gadget)); }\n");
        Write("host.c", """
            #include <allocs.h>
            #include <dlfcn.h>
            #include <stdio.h>
            struct other { char name[16]; };
            int main(void)
            {
              void *lib = dlopen("./libplug.so", RTLD_NOW);
              void *(*make)(void) = (void *(*)(void)) dlsym(lib, "make_gadget");
              void *g = make();
              dlclose(lib);
              struct other *wrong = g;
              printf("%s %d\n", UNIQTYPE_NAME(alloc_get_type(g)), wrong != NULL);
              return 0;
            }
            """);
        var lib = Allocscc("-shared", "-fPIC", "-o", "libplug.so", "plug.c");
        Assert.True(lib.ExitCode == 0, lib.All);
        var host = Allocscc("-o", "host", "host.c");
        Assert.True(host.ExitCode == 0, host.All);
        var run = Processes.Run(Path.Combine(dir, "host"), [], dir);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("gadget 1\n", run.Stdout);
        Assert.Contains("bad cast to 'struct other *'", run.Stderr);
    }

    [Fact]
    public void A_source_libclang_cannot_parse_still_compiles_with_a_warning_naming_the_file()
    {
        // Nested functions are a GNU C extension gcc accepts and clang rejects.
        var source = Write("nested.c", """
            #include <stdio.h>
            int main(void)
            {
              int add(int a) { return a + 1; }
              printf("%d\n", add(41));
              return 0;
            }
            """);
        var build = Allocscc("-o", "nested", source);
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Contains("nested.c", build.Stderr);
        Assert.Contains("uninstrumented", build.Stderr);
        Assert.Equal("42\n", Processes.Run(Path.Combine(dir, "nested"), [], dir).Stdout);
    }

    [Fact]
    public void A_program_built_against_allocs_h_runs_without_the_runtime_using_the_weak_stubs()
    {
        var source = Write("plain.c", """
            #include <allocs.h>
            #include <stdio.h>
            int main(void)
            {
              void *p = malloc(8);
              printf("%s %lu\n", alloc_get_allocator(p) ? "known" : "unknown", alloc_get_size(p));
              return 0;
            }
            """);
        var build = Processes.Run("gcc", ["-I", Repo.Include, "-o", "plain", source, "-L", Repo.Lib, "-l:libliballocs_dummyweaks.a"], dir);
        Assert.True(build.ExitCode == 0, build.All);
        Assert.Equal("unknown 0\n", Processes.Run(Path.Combine(dir, "plain"), [], dir).Stdout);
    }

    [Fact]
    public void A_program_that_defines_malloc_in_another_file_gets_its_own_malloc_at_instrumented_calls()
    {
        // The instrumented calls go to the runtime's entry points taking the site; they must still reach the program's malloc.
        Write("mymalloc.c", """
            #include <stddef.h>
            extern void *__libc_malloc(size_t n);
            unsigned long my_malloc_calls;
            void *malloc(size_t n) { my_malloc_calls++; return __libc_malloc(n); }
            """);
        Write("main.c", """
            #include <stdio.h>
            #include <stdlib.h>
            struct s { long a; struct s *next; };
            extern unsigned long my_malloc_calls;
            int main(void)
            {
              unsigned long before = my_malloc_calls;
              struct s *p = malloc(sizeof *p);
              struct s *q = malloc(3 * sizeof *q);
              unsigned long after = my_malloc_calls;
              p->a = q->a = 1;
              free(p);
              free(q);
              printf("%lu\n", after - before);
              return 0;
            }
            """);
        Assert.Equal("2\n", BuiltProgramOutput("-O2", "-o", "prog", "main.c", "mymalloc.c"));
    }

    [Fact]
    public void A_program_that_wraps_malloc_with_ld_gets_its_wrapper_at_instrumented_calls()
    {
        // ld's --wrap redirects the object's references to malloc; the entry points taking the site must still call the wrapper.
        Write("main.c", """
            #include <stdio.h>
            #include <stdlib.h>
            struct s { long a; struct s *next; };
            void *__real_malloc(size_t n);
            static unsigned long wrapped;
            void *__wrap_malloc(size_t n) { wrapped++; return __real_malloc(n); }
            int main(void)
            {
              struct s *p = malloc(sizeof *p);
              struct s *q = malloc(3 * sizeof *q);
              unsigned long calls = wrapped;
              p->a = q->a = 1;
              struct s *r = (struct s *)(void *)q;
              free(p);
              free(r);
              printf("%lu\n", calls);
              return 0;
            }
            """);
        Assert.Equal("2\n", BuiltProgramOutput("-O2", "-o", "prog", "main.c", "-Wl,--wrap=malloc"));
    }

    [Fact]
    public void Preprocessing_only_passes_through_to_the_real_compiler()
    {
        var source = Write("pp.c", "#define TWICE(x) ((x) * 2)\nint v = TWICE(21);\n");
        var pp = Allocscc("-E", source);
        Assert.Equal(0, pp.ExitCode);
        Assert.Contains("int v = ((21) * 2);", pp.Stdout);
        Assert.DoesNotContain("__liballocs", pp.Stdout);
    }
}
