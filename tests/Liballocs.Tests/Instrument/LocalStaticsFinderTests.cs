// Block-scope statics: descriptors beside their declarations, gathered by the linker (LocalStaticsFinder, MetadataEmitter).
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Statics;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public class LocalStaticsFinderTests
{
    private const string Counter = "long next_id(void)\n{\n  static long counter;\n  return ++counter;\n}\n";

    [Fact]
    public void A_block_scope_static_gets_a_descriptor_in_the_lstatics_section_right_after_its_declaration()
    {
        string path = Instrumenting.WriteSource(Counter);
        InstrumentationResult result = Instrumenting.File(path);
        LocalStatic local = Assert.Single(result.LocalStatics);
        Assert.Equal(("counter", "int$64", "next_id"), (local.Name, Instrumenting.NameOf(local.Type), local.Function));
        Assert.Matches(@"^  static long counter; __extension__ static const struct __liballocs_static_desc __liballocs_lstatic_0 "
            + @"__attribute__\(\(__used__, __section__\(""__liballocs_lstatics""\), __aligned__\(8\)\)\) = "
            + @"\{ \(const void \*\)\(__UINTPTR_TYPE__\)&counter, ""counter"", &__liballocs_uniqtype_(\d+), sizeof counter \};$",
            Instrumenting.Line(result, 3));
        Assert.DoesNotContain(result.Statics, s => s.Name == "counter");
        Instrumenting.AssertCompiles(result, path, "-c", "-Wall", "-Wextra", "-Wredundant-decls", "-Werror");
    }

    [Fact]
    public void The_uniqtypes_the_descriptors_name_are_declared_once_before_the_original_text()
    {
        InstrumentationResult result = Instrumenting.Source(Counter);
        string text = Instrumenting.Text(result);
        int declaration = text.IndexOf("extern const struct uniqtype __liballocs_uniqtype_", StringComparison.Ordinal);
        Assert.InRange(declaration, 0, text.IndexOf("#line 1 ", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, @"extern const struct uniqtype \w+ __asm__\(""__uniqtype__int\$64""\)"));
    }

    [Fact]
    public void The_unit_reports_the_bounds_of_the_section_the_linker_gathers()
    {
        string text = Instrumenting.Text(Instrumenting.Source(Counter));
        Assert.Contains("extern const struct __liballocs_static_desc __start___liballocs_lstatics[] __attribute__((__weak__, __visibility__(\"hidden\")));", text);
        Assert.Contains(".local_statics_begin = __start___liballocs_lstatics, .local_statics_end = __stop___liballocs_lstatics, .next = 0 };", text);
        Assert.Contains(".local_statics_begin = 0, .local_statics_end = 0, .next = 0 };", Instrumenting.Text(Instrumenting.Source("int f(void) { return 1; }\n")));
    }

    [Fact]
    public void Thread_local_and_extern_block_scope_declarations_get_no_descriptor()
    {
        InstrumentationResult result = Instrumenting.Source(
            "int f(void)\n{\n  static __thread int per_thread;\n  extern int elsewhere;\n  static int a, b;\n  return per_thread + elsewhere + a + b;\n}\n");
        Assert.Equal(["a", "b"], result.LocalStatics.Select(s => s.Name));
        Assert.Contains("static int a, b; __extension__ static const struct __liballocs_static_desc __liballocs_lstatic_0", Instrumenting.Line(result, 5));
        Assert.Contains("__liballocs_lstatic_1", Instrumenting.Line(result, 5));
    }

    [Fact]
    public void Descriptors_compile_under_strict_c89_and_fill_one_section_per_object()
    {
        string path = Instrumenting.WriteSource("""
            struct pair { const volatile int a; int b; };
            static int twice(void) { static const volatile struct pair p = { 1, 2 }; static int calls; calls++; return p.a + p.b + calls; }
            int thrice(void) { static double scale[3]; return twice() + (int)scale[0]; }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-std=c89");
        Assert.Equal(3, result.LocalStatics.Count);
        Instrumenting.AssertCompiles(result, path, "-c", "-std=c89", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wcast-qual");
        string objectFile = Path.Combine(Path.GetDirectoryName(path)!, "instrumented-t.c.o");
        ProcessResult sections = Processes.Run("readelf", ["-S", "-W", objectFile]);
        Assert.Matches(@"__liballocs_lstatics\s+PROGBITS\s+0+\s+[0-9a-f]+\s+0*60\s", sections.Stdout);
    }
}
