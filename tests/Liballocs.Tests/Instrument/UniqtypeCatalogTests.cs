// Golden files of the uniqtypes emitted for C types: names, sizes, members, flags (UniqtypeCatalog).
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Uniqtypes;

namespace Liballocs.Tests.Instrument;

public class UniqtypeCatalogTests
{
    /// <summary>Instruments <paramref name="source"/>, compares its uniqtypes with the baseline, and compiles the output.</summary>
    private static InstrumentationResult VerifyUniqtypes(string baseline, string source)
    {
        string path = Instrumenting.WriteSource(source);
        InstrumentationResult result = Instrumenting.File(path);
        Baseline.Verify($"Uniqtypes.{baseline}.txt", UniqtypeDump.Render(result.Uniqtypes));
        Instrumenting.AssertCompiles(result, path, "-c", "-Wall", "-Wextra", "-Werror");
        return result;
    }

    [Fact]
    public void Base_types_of_every_size_and_signedness_have_liballocs_names_and_counterparts()
    {
        VerifyUniqtypes("BaseTypes", """
            _Bool b; char c; signed char sc; unsigned char uc; short s; unsigned short us; int i; unsigned u;
            long l; unsigned long ul; long long ll; unsigned long long ull; __int128 i128; unsigned __int128 u128;
            float f; double d; long double ld; _Complex float cf; _Complex double cd; _Complex long double cld;
            const volatile int qualified; _Atomic int atomic;
            """);
    }

    [Fact]
    public void Enumerations_list_their_enumerators_and_underlying_type()
    {
        VerifyUniqtypes("Enumerations", """
            enum color { RED, GREEN = 5, BLUE };
            enum wide { NEGATIVE = -1, LARGEST = 0x7fffffffffffffffLL };
            enum flags { BIG = 0xffffffffu };
            enum color paint; enum wide span; enum flags mask;
            """);
    }

    [Fact]
    public void Structs_unions_and_anonymous_members_keep_their_nesting_and_offsets()
    {
        VerifyUniqtypes("Composites", """
            struct point { int x, y; };
            struct line { struct point from, to; };
            union number { int i; double d; };
            struct tagged {
              int kind;
              union { int i; double d; };
              struct { char tag; short len; } header;
              struct { long a, b; };
            };
            struct line segment; struct tagged value; union number n;
            """);
    }

    [Fact]
    public void Bit_fields_have_byte_offset_bit_offset_and_width()
    {
        VerifyUniqtypes("BitFields", """
            struct flags { unsigned ready : 1; unsigned mode : 3; int delta : 5; unsigned : 0; unsigned long wide : 40; _Bool on : 1; char c; };
            struct flags f;
            """);
    }

    [Fact]
    public void Arrays_of_one_two_and_unknown_dimensions_and_flexible_members_are_distinct_types()
    {
        VerifyUniqtypes("Arrays", """
            int one[4]; double two[2][3]; char three[3][4][5]; int *pointers[2];
            int (*to_unknown)[];
            struct buffer { unsigned len; char data[]; };
            struct buffer *buffer;
            """);
    }

    [Fact]
    public void Function_types_name_their_parameters_and_mark_variadic_and_unprototyped_ones()
    {
        VerifyUniqtypes("Functions", """
            int (*binary)(int, int);
            int (*printf_like)(const char *, ...);
            int (*old_style)();
            void (*callback)(void *, void (*)(int));
            int add(int a, int b) { return a + b; }
            int sum(int n, ...) { return n; }
            int legacy() { return 0; }
            """);
    }

    [Fact]
    public void Self_and_mutually_referential_structs_are_emitted_once_each()
    {
        VerifyUniqtypes("Recursive", """
            struct node { int value; struct node *next; };
            struct tree { struct tree *left, *right; struct forest *owner; };
            struct forest { struct tree *roots[4]; int count; };
            struct node head; struct forest woods;
            """);
    }

    [Fact]
    public void An_anonymous_type_named_by_a_typedef_takes_its_name_and_others_are_named_by_place()
    {
        VerifyUniqtypes("TypedefNames", """
            typedef struct { int x, y; } vec2;
            typedef struct { float r, g, b; } *colour_ref;
            typedef union { int i; float f; } word;
            typedef enum { LOW, HIGH } level;
            vec2 origin; colour_ref paint; word w; level lv;
            struct { int member; } unnamed;
            """);
    }

    [Fact]
    public void Incomplete_structs_are_declared_but_never_defined()
    {
        InstrumentationResult result = VerifyUniqtypes("Incomplete", """
            struct opaque; struct opaque *handle; union hidden *secret; struct opaque **handles;
            """);
        string text = Instrumenting.Text(result);
        Assert.Contains("extern const struct uniqtype __liballocs_uniqtype_", text);
        Assert.Contains("__asm__(\"__uniqtype__opaque\")", text);
        Assert.DoesNotContain("\"opaque\", 3u", text);
    }

    [Fact]
    public void Two_different_structs_with_one_tag_get_distinct_names()
    {
        InstrumentationResult result = Instrumenting.Source("""
            struct s { int a; };
            void f(void) { struct s { double d; } inner; struct s *p = &inner; (void)p; }
            struct s outer;
            """);
        Assert.Contains(result.Uniqtypes, u => u.Name == "s");
        Assert.Contains(result.Uniqtypes, u => u.Name.StartsWith("s__t_c_", StringComparison.Ordinal));
        Assert.Contains("LA1006", Instrumenting.DiagnosticIds(result));
    }
}
