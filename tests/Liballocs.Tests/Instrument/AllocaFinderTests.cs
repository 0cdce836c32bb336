// alloca'd blocks: the rewritten calls, their descriptors and the frame mark (AllocaFinder, MetadataEmitter).
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Locals;

namespace Liballocs.Tests.Instrument;

public class AllocaFinderTests
{
    private const string Prelude = "#include <alloca.h>\n#include <stddef.h>\nstruct s { int a; struct s *next; };\n";

    /// <summary>Instruments the prelude plus <paramref name="body"/>, checks the output compiles strictly, and returns the result.</summary>
    private static InstrumentationResult Instrument(string body, params string[] flags)
    {
        string path = Instrumenting.WriteSource(Prelude + body);
        InstrumentationResult result = Instrumenting.File(path, flags);
        Instrumenting.AssertCompiles(result, path, ["-c", "-Wall", "-Wextra", "-Werror", "-Wcast-qual", .. flags]);
        return result;
    }

    [Fact]
    public void An_alloca_call_becomes_a_tracked_allocation_keeping_the_size_text_in_place()
    {
        InstrumentationResult result = Instrument("int f(int n)\n{\n  int *bins = alloca(n * sizeof(int));\n  bins[0] = 1;\n  return bins[0];\n}\n");
        AllocaSite site = Assert.Single(result.Allocas);
        Assert.Equal(("__ARR_int$32", 6, 15, "f"), (Instrumenting.NameOf(site.Type), site.Line, site.Column, site.Function));
        Assert.Equal("  int *bins = __liballocs_check(__LIBALLOCS_ALLOCA(n * sizeof(int), &__liballocs_locals[0]), &__liballocs_casts[0]);",
            Instrumenting.Line(result, 6));
        Assert.Contains("{ .name = \"alloca\", .type = &__liballocs_uniqtype_", Instrumenting.Text(result));
        Assert.Contains(".function = \"f\", ", Instrumenting.Text(result));
        Assert.Contains(".line = 6u, .column = 15u, .is_parameter = 0u, .scope_end_line = 0u, .scope_end_column = 0u },", Instrumenting.Text(result));
    }

    [Fact]
    public void The_function_gets_one_frame_array_at_the_top_of_its_body_before_parameter_activations()
    {
        InstrumentationResult result = Instrument("""
            void use(int *);
            void f(int n) {
              char *a = alloca(16); char *b = __builtin_alloca(32);
              use(&n);
              a[0] = b[0];
            }
            """);
        Assert.Equal(2, result.Allocas.Count);
        string line = Instrumenting.Line(result, 5);
        Assert.StartsWith("void f(int n) { __extension__ struct __liballocs_stack_record __liballocs_frame[1] "
            + "__attribute__((__cleanup__(__liballocs_hook_stack_pop_frame))); __extension__ struct __liballocs_stack_record *__liballocs_frame_top "
            + "__attribute__((__unused__)) = __liballocs_hook_stack_push_frame(__liballocs_frame, 1); __extension__ struct "
            + "__liballocs_stack_record *__liballocs_rec_0", line);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(Instrumenting.Text(result), "__liballocs_frame\\[1\\] __attribute__"));
        Assert.Equal("  char *a = __LIBALLOCS_ALLOCA(16, &__liballocs_locals[1]); char *b = __LIBALLOCS_ALLOCA(32, &__liballocs_locals[2]);",
            Instrumenting.Line(result, 6));
    }

    [Fact]
    public void One_object_of_sizeof_is_described_as_that_type_and_a_size_without_sizeof_as_untyped()
    {
        InstrumentationResult result = Instrument(
            "int f(size_t n) { struct s *one = alloca(sizeof(struct s)); char *raw = alloca(n + 1); raw[0] = 0; return one->a + raw[0]; }\n");
        Assert.Equal(["s", null], result.Allocas.Select(a => Instrumenting.NameOf(a.Type)));
        Assert.Contains("{ .name = \"alloca\", .type = 0, .function = \"f\", ", Instrumenting.Text(result));
        Assert.Contains("LA1001", Instrumenting.DiagnosticIds(result));
    }

    [Fact]
    public void An_argument_spanning_lines_keeps_every_line_in_place()
    {
        InstrumentationResult result = Instrument("long *f(int n)\n{\n  return alloca (n\n    * sizeof (long)\n  );\n}\n");
        Assert.Equal("  return __liballocs_check(__LIBALLOCS_ALLOCA (n", Instrumenting.Line(result, 6));
        Assert.Equal("    * sizeof (long)", Instrumenting.Line(result, 7));
        Assert.Equal("  , &__liballocs_locals[0]), &__liballocs_casts[0]);", Instrumenting.Line(result, 8));
        Assert.Equal("__ARR_int$64", Instrumenting.NameOf(Assert.Single(result.Allocas).Type));
    }

    [Fact]
    public void An_alloca_inside_a_larger_macro_is_left_alone_with_a_verbose_note()
    {
        InstrumentationResult result = Instrument("#define SCRATCH(n) ((char *)alloca(n) + 0)\nchar f(int n) { char *p = SCRATCH(n); p[0] = 1; return p[0]; }\n");
        Assert.Empty(result.Allocas);
        Assert.Contains("LA1013", Instrumenting.DiagnosticIds(result));
        Assert.DoesNotContain("__liballocs_frame", Instrumenting.Text(result));
    }

    [Fact]
    public void The_summary_counts_alloca_sites()
    {
        InstrumentationResult result = Instrument("int f(int n) { int *p = alloca(n * sizeof *p); p[0] = n; return p[0]; }\n");
        Assert.Contains(", 1 alloca sites, ", result.Summary.ToString());
    }

    [Fact]
    public void Alloca_tracking_compiles_under_strict_c89()
    {
        InstrumentationResult result = Instrument("""
            int f(int n)
            {
              int *a = (int *) alloca(n * sizeof(int));
              struct s *b = (struct s *) __builtin_alloca(sizeof(struct s));
              a[0] = n;
              b->a = a[0];
              return b->a;
            }
            """, "-std=c89", "-pedantic-errors", "-Wcast-function-type");
        Assert.Equal(2, result.Allocas.Count);
    }
}
