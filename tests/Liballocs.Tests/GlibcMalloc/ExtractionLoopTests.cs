// The compile loop of `liballocs glibc-malloc`, run on small synthetic glibc trees: each test builds the tree a real
// glibc would present (sysdeps directories with Implies files, include/ wrappers, a malloc/ directory) and checks what
// the loop learns from the system compiler's real errors.
using Liballocs.Cli.GlibcMalloc;

namespace Liballocs.Tests.GlibcMalloc;

public sealed class ExtractionLoopTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("glibc-malloc-loop-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Tree => Path.Combine(root, "tree");
    private string Project => Path.Combine(root, "project");
    private string Work => Path.Combine(root, "work");

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    // A project with an empty compat header, no shims and one exported entry point calling upstream's __libc_malloc.
    private void WriteProject(string glue = "")
    {
        Write(Path.Combine(Project, "include", "glibc_compat.h"), "#define attribute_hidden __attribute__ ((visibility (\"hidden\")))\n");
        Directory.CreateDirectory(Path.Combine(Project, "include", "special_shims"));
        Write(Path.Combine(Project, "src", "exports.c"),
            "#include <stddef.h>\nextern void *__libc_malloc (size_t);\n__attribute__ ((visibility (\"default\"))) void *malloc (size_t n) { return __libc_malloc (n); }\n" + glue);
        Write(Path.Combine(Project, "src", "exports.map"), "{ global: malloc; local: *; };\n");
    }

    private ExtractionResult Configure(List<string> progress) =>
        new MallocExtraction(new ExtractionPaths(Tree, Project, Work, Path.Combine(Work, "lib.so")), "x86_64")
            .Configure(40, progress.Add);

    [Fact]
    public void Headers_are_mirrored_in_search_order_and_include_next_finds_the_next_copy()
    {
        Write(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "x86_64", "Implies"), "x86_64\n");
        Write(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "x86_64", "feature.h"),
            "#define FROM_LINUX 1\n#include_next <feature.h>\n");
        Write(Path.Combine(Tree, "sysdeps", "x86_64", "feature.h"), "#define FROM_X86_64 1\n");
        Write(Path.Combine(Tree, "sysdeps", "generic", "feature.h"), "#error the generic copy is the last, never reached\n");
        Write(Path.Combine(Tree, "malloc", "malloc.c"),
            "#include <feature.h>\n#include \"helper.c\"\n#if !FROM_LINUX || !FROM_X86_64\n#error wrong copies\n#endif\n" +
            "void *__libc_malloc (unsigned long n) { return helper (n); }\n");
        Write(Path.Combine(Tree, "malloc", "helper.c"), "static void *helper (unsigned long n) { (void) n; return 0; }\n");
        Write(Path.Combine(Tree, "malloc", "reallocarray.c"), "int reallocarray_unit;\n");
        WriteProject();
        var progress = new List<string>();

        var result = Configure(progress);

        Assert.True(result.Succeeded, result.Message + "\n" + string.Join("\n", progress));
        Assert.True(File.Exists(Path.Combine(Work, "mirror", "sysdeps", "unix", "sysv", "linux", "x86_64", "feature.h")));
        Assert.True(File.Exists(Path.Combine(Work, "mirror", "sysdeps", "x86_64", "feature.h")));
        Assert.False(File.Exists(Path.Combine(Work, "mirror", "sysdeps", "generic", "feature.h")));
        Assert.True(File.Exists(Path.Combine(Work, "upstream", "malloc", "helper.c")), "a quoted include is copied beside its includer");
        Assert.Contains(progress, p => p.Contains("feature.h from sysdeps/x86_64 (include_next)", StringComparison.Ordinal));
        Assert.Contains("GLIBC_MALLOC_CFLAGS", File.ReadAllText(Path.Combine(Work, "config.mk")));
    }

    [Fact]
    public void Internal_names_become_aliases_of_public_symbols_or_declarations_from_the_include_wrappers()
    {
        Write(Path.Combine(Tree, "sysdeps", "generic", "Implies"), "");
        Write(Path.Combine(Tree, "include", "stdio.h"),
            "#include <libio/stdio.h>\nextern int __internal_counter (int step) attribute_hidden;\n# define __twice(x) ((x) * 2)\n");
        Write(Path.Combine(Tree, "malloc", "malloc.c"),
            "#include <stddef.h>\n#include <unistd.h>\n" +
            "void *__libc_malloc (size_t n) { __write (2, \"\", 0); (void) __twice (__internal_counter (1)); (void) n; return NULL; }\n");
        Write(Path.Combine(Tree, "malloc", "reallocarray.c"), "int reallocarray_unit;\n");
        WriteProject("int __internal_counter (int step) { return step; }\n");
        var progress = new List<string>();

        var result = Configure(progress);

        Assert.True(result.Succeeded, result.Message + "\n" + string.Join("\n", progress));
        var stubs = File.ReadAllText(Path.Combine(Work, "auto_stubs.h"));
        Assert.Contains("#define __write write", stubs);
        Assert.Contains("extern int __internal_counter (int step) attribute_hidden;", stubs);
        Assert.Contains("# define __twice(x) ((x) * 2)", stubs);
    }

    [Fact]
    public void A_symbol_the_link_misses_brings_in_the_tree_unit_that_defines_it()
    {
        Write(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "helper-impl.c"),
            "int\n__malloc_helper (void)\n{\n  return 42;\n}\n");
        Write(Path.Combine(Tree, "sysdeps", "generic", "helper-impl.c"), "#error the linux unit comes first\n");
        Write(Path.Combine(Tree, "malloc", "malloc.c"),
            "#include <stddef.h>\nextern int __malloc_helper (void);\nvoid *__libc_malloc (size_t n) { return (void *) (size_t) (n + __malloc_helper ()); }\n");
        Write(Path.Combine(Tree, "malloc", "reallocarray.c"), "int reallocarray_unit;\n");
        WriteProject();
        var progress = new List<string>();

        var result = Configure(progress);

        Assert.True(result.Succeeded, result.Message + "\n" + string.Join("\n", progress));
        Assert.Contains("sysdeps/unix/sysv/linux/helper-impl.c", File.ReadAllText(Path.Combine(Work, "config.mk")));
    }

    [Fact]
    public void An_error_nothing_explains_stops_the_loop_naming_the_error()
    {
        Write(Path.Combine(Tree, "sysdeps", "generic", "Implies"), "");
        Write(Path.Combine(Tree, "malloc", "malloc.c"), "#include <generated-by-glibc-build.h>\nint x;\n");
        Write(Path.Combine(Tree, "malloc", "reallocarray.c"), "int reallocarray_unit;\n");
        WriteProject();

        var result = Configure([]);

        Assert.False(result.Succeeded);
        Assert.Contains("generated-by-glibc-build.h", result.Message);
        Assert.Contains("is not in the glibc tree", result.Message);
    }

    [Fact]
    public void Sysdeps_order_follows_Implies_files_depth_first_and_ends_with_generic()
    {
        Write(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "x86_64", "64", "Implies"), "unix/sysv/linux/wordsize-64\n");
        Directory.CreateDirectory(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "wordsize-64"));
        Write(Path.Combine(Tree, "sysdeps", "unix", "sysv", "linux", "Implies"), "# comment\nunix\n");
        Directory.CreateDirectory(Path.Combine(Tree, "sysdeps", "unix"));
        Directory.CreateDirectory(Path.Combine(Tree, "sysdeps", "x86_64"));
        Directory.CreateDirectory(Path.Combine(Tree, "sysdeps", "generic"));

        var order = SysdepsOrder.For(Tree, "x86_64");

        Assert.Equal(
            ["include", "sysdeps/unix/sysv/linux/x86_64/64", "sysdeps/unix/sysv/linux/wordsize-64", "sysdeps/unix/sysv/linux/x86_64",
             "sysdeps/unix/sysv/linux",
             "sysdeps/unix", "sysdeps/unix/sysv", "sysdeps/x86_64", "sysdeps/generic", "."],
            order);
    }
}
