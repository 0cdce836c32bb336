// allocscc --explain-allocations: one line per allocation site, and nothing compiled (AllocationExplanation, CompilerDriver).
using Liballocs.Instrument.Driver;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public sealed class AllocationExplanationTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("explain");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs allocscc with a compiler that must never compile (it would leave a file behind); returns status, stdout and stderr.</summary>
    private (int Status, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // Asked for its predefined macros (-dM), it is gcc: that query compiles nothing.
        string[] compiler = ["sh", "-c", $"case \" $* \" in *' -dM '*) exec gcc \"$@\";; esac; touch '{Path.Combine(dir, "compiled")}'", "sh"];
        int status = new CompilerDriver(new DriverSettings(new ToolLayout(Repo.Root), compiler, Verbose: false, KeepTemporaries: false), error, output).Run(args);
        Assert.False(File.Exists(Path.Combine(dir, "compiled")), "--explain-allocations must not compile");
        return (status, output.ToString(), error.ToString());
    }

    [Fact]
    public void Each_site_is_explained_on_one_line_in_source_order()
    {
        string yaml = Write("user.yaml", "allocators:\n  xmem: { kind: wrapper, of: malloc, functions: { xmalloc: { size: 0 } } }\n");
        string source = Write("t.c", """
            #include <stdlib.h>
            #include <string.h>
            #include <alloca.h>
            struct foo { int a; double b; };
            void *xmalloc(size_t n);
            struct foo *make(size_t count)
            {
              size_t n = count * sizeof(struct foo);
              struct foo *p = xmalloc(n);
              struct foo *q = malloc(sizeof(struct foo));
              char *s = strdup("x");
              void *r = malloc(count);
              int *t = alloca(4 * sizeof(int));
              free(q); free(s); free(r); (void)t;
              return p;
            }
            """);
        (int status, string output, string error) = Run("--explain-allocations", "--allocators", yaml, source, "-O2");
        Assert.True(status == 0, error);
        Assert.Equal($"""
            {source}:9:19: xmalloc (xmem) in make: foo array — n = count * sizeof(struct foo) at line 8
            {source}:10:19: malloc (malloc) in make: foo one — sizeof(struct foo) in the size argument
            {source}:11:13: strdup (malloc) in make: signed_char$8 array — a copy of the string in argument 0
            {source}:12:13: malloc (malloc) in make: untyped one — no sizeof found: typed lazily at its first checked cast
            {source}:13:12: alloca (alloca) in make: int$32 array — 4 * sizeof(int) in the size argument

            """, output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_flexible_array_struct_followed_by_another_type_is_a_head_only()
    {
        string source = Write("h.c", "#include <stdlib.h>\nstruct k { int a; };\nstruct s { long n; int v[]; };\n"
            + "void f(int n) { struct s *p = malloc(sizeof(struct s) + n * sizeof(int) + sizeof(struct k)); free(p); }\n");
        (int status, string output, _) = Run("--explain-allocations", source);
        Assert.Equal(0, status);
        Assert.EndsWith("; the type describes the first element only\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("in f: s one", output);
    }

    [Fact]
    public void The_declared_type_fallback_names_its_variable()
    {
        string source = Write("d.c", "#include <stdlib.h>\nstruct foo { int a; };\nvoid f(size_t n) { struct foo *p = malloc(n); free(p); }\n");
        (int status, string output, _) = Run("--explain-allocations", source);
        Assert.Equal(0, status);
        Assert.Equal($"{source}:3:36: malloc (malloc) in f: foo one — declared type of p; the type describes the first element only\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_malformed_configuration_stops_the_explanation_with_its_error()
    {
        string yaml = Write("bad.yaml", "allocators:\n  w: { kind: wrapper, functions: { f: { size: 0 } } }\n");
        string source = Write("e.c", "int x;\n");
        (int status, string output, string error) = Run("--explain-allocations", $"--allocators={yaml}", source);
        Assert.Equal((1, ""), (status, output));
        Assert.Equal($"allocscc: error: {yaml}:2: wrapper 'w' has no 'of' naming the allocator it wraps [LA1014]\n", error.ReplaceLineEndings("\n"));
    }
}
