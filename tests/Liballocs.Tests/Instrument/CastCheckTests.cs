// Checks inserted at pointer casts (CastFinder, CheckSelection, the cast table in MetadataEmitter).
using System.Text.RegularExpressions;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public class CastCheckTests
{
    private const string Prologue = """
        #include <stdarg.h>
        #include <stddef.h>
        #include <stdlib.h>
        struct point { int x, y; };
        struct shape { struct point origin; double area; };
        struct opaque;
        typedef int (*handler)(int);
        typedef struct point point_t;

        """;

    /// <summary>Instruments <see cref="Prologue"/> then <paramref name="body"/>, and compiles the result strictly with gcc.</summary>
    private static (InstrumentationResult Result, string Path) Instrument(string body, params string[] flags)
    {
        string path = Instrumenting.WriteSource(Prologue + body);
        InstrumentationResult result = Instrumenting.File(path, flags);
        Instrumenting.AssertCompiles(result, path, "-c", "-Wall", "-Wextra", "-Werror", "-Wcast-qual", "-Wcast-function-type",
            "-Wno-unused-parameter", "-Wno-unused-variable", "-Wno-unused-but-set-variable");
        return (result, path);
    }

    private static string BodyLine(InstrumentationResult result, string body, string marker)
    {
        int line = Prologue.Split('\n').Length - 1 + body.Split('\n').TakeWhile(l => !l.Contains(marker, StringComparison.Ordinal)).Count() + 1;
        return Instrumenting.Line(result, line);
    }

    private static CastSite Single(InstrumentationResult result) => Assert.Single(result.Casts.Sites);

    [Fact]
    public void An_explicit_cast_to_an_object_pointer_checks_its_operand_once_inside_the_cast()
    {
        const string body = "struct point *f(void *v) { return (struct point *) v; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("struct point *f(void *v) { return (struct point *) __liballocs_check((const volatile void *)(v), &__liballocs_casts[0]); }",
            BodyLine(result, body, "struct point *f"));
        CastSite cast = Single(result);
        Assert.Equal((CheckKind.IsA, "point", "struct point *", "f"), (cast.Kind, Instrumenting.NameOf(cast.Target), cast.TargetCType, cast.Function));
        Assert.Equal((Prologue.Split('\n').Length, 35), (cast.Line, cast.Column));
    }

    [Fact]
    public void An_explicit_cast_to_a_function_pointer_goes_through_check_function()
    {
        const string body = "int call(void *v) { handler h = (handler) v; return h(1); }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("handler h = (handler) __liballocs_check_function((void (*)(void))(v), &__liballocs_casts[0]);", BodyLine(result, body, "call"));
        CastSite cast = Single(result);
        Assert.Equal((CheckKind.IsAFunctionRefining, "__FUN_FROM___ARG0_int$32__FUN_TO_int$32", "handler"),
            (cast.Kind, Instrumenting.NameOf(cast.Target), cast.TargetCType));
    }

    [Fact]
    public void Implicit_conversions_from_void_pointer_are_checked_in_initialisation_assignment_arguments_and_return()
    {
        const string body = """
            static int use(struct point *p) { return p->x; }
            struct point *g(void *v, void *w)
            {
              struct point *a = v;
              a = w;
              use(v);
              return v;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal(4, result.Casts.Sites.Count);
        Assert.Contains("struct point *a = __liballocs_check(v, &__liballocs_casts[0]);", BodyLine(result, body, "*a = v"));
        Assert.Contains("a = __liballocs_check(w, &__liballocs_casts[1]);", BodyLine(result, body, "a = w"));
        Assert.Contains("use(__liballocs_check(v, &__liballocs_casts[2]));", BodyLine(result, body, "use(v)"));
        Assert.Contains("return __liballocs_check(v, &__liballocs_casts[3]);", BodyLine(result, body, "return v"));
        Assert.All(result.Casts.Sites, c => Assert.Equal(CastRewrite.Converted, c.Rewrite));
    }

    [Fact]
    public void A_wrapped_expression_right_after_a_keyword_is_not_pasted_onto_it()
    {
        // return(e) with no space: wrapping the parenthesised operand must not make `return__liballocs_check`.
        const string body = """
            struct point *g(void *v) { return(v); }
            struct point *h(void *v) { return(struct point *)(v); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal(2, result.Casts.Sites.Count);
        Assert.Contains("return __liballocs_check((v), &__liballocs_casts[0]);", BodyLine(result, body, "*g("));
        Assert.Contains("return(struct point *)__liballocs_check((const volatile void *)((v)), &__liballocs_casts[1]);", BodyLine(result, body, "*h("));
    }

    [Fact]
    public void An_allocation_of_another_type_assigned_to_a_typed_pointer_is_checked_around_its_site()
    {
        const string body = "struct point *make(void) { struct point *p = malloc(sizeof(long)); return p; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("struct point *p = __liballocs_check(__liballocs_hook_malloc_at(sizeof(long), &__liballocs_sites[0], malloc), &__liballocs_casts[0]);",
            BodyLine(result, body, "make"));
    }

    [Fact]
    public void An_allocation_typed_as_the_pointee_is_elided()
    {
        const string body = "struct point *make(void) { struct point *p = malloc(sizeof *p); return p; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("struct point *p = __liballocs_hook_malloc_at(sizeof *p, &__liballocs_sites[0], malloc);", BodyLine(result, body, "make"));
        Assert.Equal(1, result.Casts.Statistics.Allocation);
        Assert.Empty(result.Casts.Sites);
    }

    [Fact]
    public void An_implicit_conversion_from_void_pointer_to_a_function_pointer_is_cast_back()
    {
        const string body = "handler get(void *v) { handler h = v; return h; }\n";
        (InstrumentationResult result, _) = Instrument(body, "-Wno-pedantic");
        Assert.Contains("handler h = ((handler) __liballocs_check_function((void (*)(void))(v), &__liballocs_casts[0]));", BodyLine(result, body, "get"));
    }

    [Fact]
    public void Va_arg_of_a_pointer_type_is_checked_as_a_whole()
    {
        const string body = "int sum(int n, ...) { va_list ap; int *p; va_start(ap, n); p = va_arg(ap, int *); va_end(ap); return *p; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("p = ((int *) __liballocs_check((const volatile void *)(va_arg(ap, int *)), &__liballocs_casts[0]));", BodyLine(result, body, "sum"));
        Assert.Equal((CastRewrite.Whole, "int$32"), (Single(result).Rewrite, Instrumenting.NameOf(Single(result).Target)));
    }

    [Fact]
    public void Va_arg_of_void_or_char_pointers_is_elided()
    {
        const string body = "void f(int n, ...) { va_list ap; va_start(ap, n); (void)va_arg(ap, void *); (void)va_arg(ap, char *); va_end(ap); }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(2, result.Casts.Statistics.VoidOrChar);
    }

    [Fact]
    public void Casts_to_void_and_character_pointers_are_elided()
    {
        const string body = """
            void f(struct point *p, const struct point *q)
            {
              void *a = (void *) p; char *b = (char *) p; const unsigned char *c = (const unsigned char *) q;
              signed char *d = (signed char *) p; const volatile void *e = (const volatile void *) q;
              (void)a; (void)b; (void)c; (void)d; (void)e;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(5, result.Casts.Statistics.VoidOrChar);
    }

    [Fact]
    public void Casts_between_identical_types_after_typedefs_and_qualifiers_are_elided()
    {
        const string body = """
            void f(struct point *p, point_t *q, int **pp)
            {
              point_t *a = (point_t *) p; const struct point *b = (const struct point *) q;
              const int *const *c = (const int *const *) pp;
              (void)a; (void)b; (void)c;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(3, result.Casts.Statistics.Identical);
    }

    [Fact]
    public void A_variables_address_to_its_integer_types_signedness_counterpart_is_elided_but_not_through_pointers_or_externs()
    {
        const string body = """
            extern unsigned long shared;
            typedef unsigned long long u64;
            void f(long param, int *ip)
            {
              u64 key = 1; static unsigned count; const short s = 2; int i = 0;
              long long *a = (long long *) &key; int *b = (int *) &count; const unsigned short *c = (const unsigned short *) &s;
              unsigned long *d = (unsigned long *) &(param);
              unsigned *e = (unsigned *) ip;              /* the object there is not known */
              long *g = (long *) &shared;                 /* defined elsewhere, maybe with another type */
              long *h = (long *) &i;                      /* another size */
              short *k = (short *) &count;                /* another rank */
              (void)a; (void)b; (void)c; (void)d; (void)e; (void)g; (void)h; (void)k;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal(4, result.Casts.Statistics.Counterpart);
        Assert.Equal(4, result.Casts.Sites.Count);
    }

    [Fact]
    public void Null_pointer_constants_are_elided()
    {
        const string body = """
            struct point *f(void)
            {
              struct point *a = (struct point *) 0; struct point *b = NULL; struct point *c = (struct point *) (void *) 0;
              struct point *d = (struct point *) NULL; struct point *e = (struct point *) (1 - 1);
              return a ? a : b ? b : c ? c : d ? d : e;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(5, result.Casts.Statistics.NullPointer);
    }

    [Fact]
    public void Integer_constants_no_mapping_can_hold_are_elided_as_sentinels_but_mappable_ones_and_run_time_integers_are_checked()
    {
        const string body = """
            typedef void (*destructor)(void *);
            #define TRANSIENT ((destructor) -1)
            int f(destructor d, unsigned long bits)
            {
              struct point *failed = (struct point *) (void *) -1; struct point *one = (struct point *) 1;
              struct point *computed = (struct point *) bits;
              static const unsigned long k = 1;
              struct point *folded = (struct point *) k;                  /* clang folds a const variable: still a sentinel */
              struct point *fixed = (struct point *) 0x200000000ul;       /* a MAP_FIXED arena's address: checked */
              struct point *address = (struct point *) (unsigned long) &k;   /* an address, not an integer constant: checked */
              return d == TRANSIENT || d == (destructor) 1 || failed == one || computed != 0 || folded == fixed || address != 0;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal(5, result.Casts.Statistics.IntegerConstant);
        Assert.Equal(0, result.Casts.Statistics.NullPointer);
        Assert.Equal(3, result.Casts.Sites.Count);   // `computed`, `fixed` and `address`
        Assert.All(result.Casts.Sites, site => Assert.Equal(CheckKind.IsA, site.Kind));
    }

    [Fact]
    public void Provable_upcasts_to_the_first_member_or_the_element_are_elided()
    {
        const string body = """
            void f(struct shape *s, struct shape t, struct point arr[4], int (*rows)[3])
            {
              struct point local[2];
              struct point *a = (struct point *) &s->origin; struct point *b = (struct point *) &t.origin;
              struct point *c = (struct point *) &local[0]; struct point *d = (struct point *) local;
              struct point *e = (struct point *) s; int *g = (int *) s; int *h = (int *) rows;
              (void)a; (void)b; (void)c; (void)d; (void)e; (void)g; (void)h; (void)arr;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(7, result.Casts.Statistics.Upcast);
    }

    [Fact]
    public void A_cast_to_a_member_not_at_offset_zero_is_checked()
    {
        const string body = "double *f(struct shape *s) { return (double *) &s->origin.y; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("float$64", Instrumenting.NameOf(Single(result).Target));
    }

    [Fact]
    public void Casts_to_integers_are_not_pointer_casts()
    {
        const string body = "unsigned long f(struct point *p) { return (unsigned long) p + (size_t) (void *) p; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(1, result.Casts.Statistics.Elided);
    }

    [Fact]
    public void Each_target_gets_the_check_of_the_kinds_table()
    {
        const string body = """
            struct sockaddr { unsigned short sa_family; char sa_data[14]; };
            struct packet { int len; };
            void f(void *v)
            {
              int *a = (int *) v; struct opaque *b = (struct opaque *) v; handler c = (handler) v;
              void **d = (void **) v; void ***e = (void ***) v; void ****g = (void ****) v;
              struct sockaddr *h = (struct sockaddr *) v; struct packet *i = (struct packet *) v;
              (void)a; (void)b; (void)c; (void)d; (void)e; (void)g; (void)h; (void)i;
            }
            """;
        string path = Instrumenting.WriteSource(Prologue + body);
        InstrumentationResult result = Instrumenting.File(path, "--allocscc-like-a=packet");
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Werror", "-Wno-pedantic");
        Assert.Equal(
            [(CheckKind.IsA, 0, "int$32"), (CheckKind.NamedA, 0, null), (CheckKind.IsAFunctionRefining, 0, "__FUN_FROM___ARG0_int$32__FUN_TO_int$32"),
             (CheckKind.LooselyLikeA, 0, "__PTR_void"), (CheckKind.IsAPointerOfDegree, 2, "__PTR___PTR_void"),
             (CheckKind.IsAPointerOfDegree, 3, "__PTR___PTR___PTR_void"), (CheckKind.LikeA, 0, "sockaddr"), (CheckKind.LikeA, 0, "packet")],
            result.Casts.Sites.Select(c => (c.Kind, c.Degree, Instrumenting.NameOf(c.Target))));
        string text = Instrumenting.Text(result);
        Assert.Contains(".kind = LIBALLOCS_CHECK_NAMED_A, .degree = 0u, .target = 0, .target_type_name = \"opaque\", .target_c_type = \"struct opaque *\" }", text);
        Assert.Contains(".kind = LIBALLOCS_CHECK_IS_A_POINTER_OF_DEGREE, .degree = 2u, .target = &", text);
        Assert.Contains(".target_type_name = \"__PTR___PTR_void\", .target_c_type = \"void ***\" }", text);
    }

    [Fact]
    public void Unevaluated_operands_are_never_checked()
    {
        const string body = """
            size_t f(void *v)
            {
              size_t a = sizeof((struct point *) v) + sizeof(*(struct point *) v) + _Alignof(struct point);
              int k = _Generic((struct point *) v, struct point *: 1, default: 0);
              __typeof__((struct point *) v) t = 0;
              (void)t;
              return a + (size_t)k + offsetof(struct shape, area);
            }
            """;
        (InstrumentationResult result, _) = Instrument(body, "-std=gnu11");
        Assert.Empty(result.Casts.Sites);
        Assert.Equal(CastStatistics.None, result.Casts.Statistics);
    }

    [Fact]
    public void Static_initialisers_case_labels_and_local_type_declarations_are_never_checked()
    {
        const string body = """
            static struct point origin;
            static struct point *global = (struct point *) (void *) &origin;
            int f(int n, void *v)
            {
              static struct point *const fixed = (struct point *) (void *) &origin;
              enum { SIZE = sizeof((struct point *) 0) };
              struct local { int bits : sizeof(*(struct point *) 0); };
              int bounds[sizeof(*(struct point *) 0)] = { 0 };
              switch (n) { case sizeof((struct point *) 0): return fixed->x + global->x + bounds[0]; default: break; }
              return SIZE + (int)sizeof(struct local) + ((struct point *) v)->y;
            }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal(CastStatistics.None with { Checked = 1 }, result.Casts.Statistics);
        Assert.Equal(Prologue.Split('\n').Length - 1 + 10, Single(result).Line);
    }

    [Fact]
    public void Functions_that_are_allocators_are_not_checked()
    {
        const string body = """
            static char arena[4096]; static size_t used;
            void *malloc(size_t n) { struct point *p = (struct point *) (arena + used); used += n; return p; }
            struct point *g(void *v) { return (struct point *) v; }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("g", Single(result).Function);
    }

    [Fact]
    public void A_macro_that_is_exactly_a_cast_is_wrapped_whole()
    {
        const string body = """
            #define AS_POINT(p) ((struct point *)(p))
            int f(void *v) { return AS_POINT(v)->x; }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("return ((struct point *) __liballocs_check((const volatile void *)(AS_POINT(v)), &__liballocs_casts[0]))->x;",
            BodyLine(result, body, "int f"));
        Assert.Equal(CastRewrite.Whole, Single(result).Rewrite);
    }

    [Fact]
    public void A_macro_defined_in_a_header_holding_more_than_the_cast_is_repeated_in_the_file_with_its_operand_checked()
    {
        string path = Instrumenting.WriteSource(Prologue + """
            #include "m.h"
            #define PLUS d + 1
            int f(void *v, double *d) { return NEXT(v)->x + DEREF(v) + *((int *) PLUS); }
            """);
        string header = Path.Combine(Path.GetDirectoryName(path)!, "m.h");
        File.WriteAllText(header, "#define NEXT(p) ((struct point *)(p) + 1)\n#define DEREF(p) (*(int *)(p))\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Assert.Equal([CastRewrite.HeaderDefinitionOperand, CastRewrite.HeaderDefinitionOperand], result.Casts.Sites.Select(c => c.Rewrite));
        string text = Instrumenting.Text(result);
        Assert.Contains("#undef NEXT\n#define NEXT(p) ((struct point *)__liballocs_check_at_line((const volatile void *)((p)), &__liballocs_casts[0], __LINE__) + 1)\n", text);
        Assert.Contains("#define DEREF(p) (*(int *)__liballocs_check_at_line((const volatile void *)((p)), &__liballocs_casts[1], __LINE__))\n#line 11 ", text);
        Assert.Equal("#define NEXT(p) ((struct point *)(p) + 1)\n#define DEREF(p) (*(int *)(p))\n", File.ReadAllText(header));
        Assert.Equal(1, result.Casts.Statistics.Skipped);   // PLUS is the main file's, and holds more than the operand
        Assert.Equal(1, Instrumenting.DiagnosticIds(result).Count(id => id == "LA1011"));
    }

    [Fact]
    public void A_header_macro_whose_operand_is_expanded_for_casts_of_other_types_is_not_redefined()
    {
        string path = Instrumenting.WriteSource(Prologue + """
            #include "m.h"
            int f(void *v) { struct shape *s = cast(struct shape *, v); return AT_X(v, 0) + (s != 0); }
            """);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "m.h"),
            "#define cast(t, exp) ((t)(exp))\n#define AT_X(b, n) (cast(struct point *, (char *)(b) + (n))->x)\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Assert.Equal([CastRewrite.Whole], result.Casts.Sites.Select(c => c.Rewrite));   // the shape cast is the whole invocation
        Assert.DoesNotContain("#undef cast", Instrumenting.Text(result));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("has its operand in macro 'cast'", StringComparison.Ordinal)
            && d.Message.Contains("which is also expanded where it is not the operand of such a cast", StringComparison.Ordinal));
    }

    [Fact]
    public void Casts_to_may_alias_types_and_intrinsics_vectors_view_bytes_and_are_not_checked()
    {
        string path = Instrumenting.WriteSource("""
            #include <immintrin.h>
            #include <stdint.h>
            typedef uint32_t __attribute__((may_alias)) u32_alias;
            typedef u32_alias word;
            struct plain { int a; };
            int f(const unsigned char *buf, void *v)
            {
              const __m128i *p = (const __m128i *)((uintptr_t)buf & ~(uintptr_t)15);
              const word *w = (const word *) buf;
              struct plain *q = (struct plain *) v;
              return _mm_cvtsi128_si32(_mm_loadu_si128(p)) + (int)*w + q->a;
            }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-O2");
        Instrumenting.AssertCompiles(result, path, "-O2", "-Wall", "-Wextra", "-Werror");
        Assert.Equal(["struct plain *"], result.Casts.Sites.Select(c => c.TargetCType));
        Assert.Equal(2, result.Casts.Statistics.VoidOrChar);
    }

    [Fact]
    public void A_header_macro_with_an_elided_expansion_of_another_type_is_not_redefined()
    {
        string path = Instrumenting.WriteSource(Prologue + """
            #include "m.h"
            int f(void *v, void *buf) { return CASTP(struct point *, v)->x + *CASTP(char *, buf); }
            """);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "m.h"), "#define CASTP(T, p) (1 ? (T)(p) : 0)\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Assert.Empty(result.Casts.Sites);   // a check in the definition would hold the char * use against struct point
        Assert.DoesNotContain("#undef CASTP", Instrumenting.Text(result));
    }

    [Theory]
    [InlineData("#define AT_X(b) (((struct point *)(b))->x) /* a comment\n   on two lines */\n", "", "whose definition goes on in a comment past its line")]
    [InlineData("#define AT_X(b) (((struct point *)(b))->x)\n", "#line 40 \"gen.y\"\nint g(void);\n", "and the file numbers its own lines (#line)")]
    public void A_header_macro_whose_repetition_could_go_wrong_is_skipped_with_the_reason(string header, string after, string reason)
    {
        string path = Instrumenting.WriteSource(Prologue + "#include \"m.h\"\nint f(void *v) { return AT_X(v); }\n" + after);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "m.h"), header);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "later.h"), "int later(void);\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Assert.Empty(result.Casts.Sites);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Text_included_after_a_header_macros_repetition_sees_the_headers_own_definition()
    {
        // later.h expands the macro in a static initialiser, where a check's call cannot go: it must get the original.
        string path = Instrumenting.WriteSource(Prologue + "#include \"m.h\"\nint f(void *v) { return *AT_X(v); }\n#include \"later.h\"\nint g(void *v) { return *AT_X(v) + *later; }\n");
        string directory = Path.GetDirectoryName(path)!;
        File.WriteAllText(Path.Combine(directory, "m.h"), "#define AT_X(b) (&((struct point *)(b))->x)\n");
        File.WriteAllText(Path.Combine(directory, "later.h"), "static struct point origin;\nstatic int *const later = AT_X(&origin);\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Assert.Equal([CastRewrite.HeaderDefinitionOperand], result.Casts.Sites.Select(c => c.Rewrite));
        string text = Instrumenting.Text(result);
        int restore = text.IndexOf("#pragma pop_macro(\"AT_X\")\n#line 11 ", StringComparison.Ordinal);
        Assert.True(restore >= 0 && text.IndexOf("#include \"later.h\"", StringComparison.Ordinal) > restore, text);
        Assert.Contains("#include \"later.h\"\n#pragma push_macro(\"AT_X\")\n#undef AT_X\n", text);
        Assert.Contains("\n#line 12 ", text);
    }

    [Fact]
    public void A_header_macro_also_expanded_in_a_static_initialiser_is_skipped_with_the_reason()
    {
        string path = Instrumenting.WriteSource(Prologue + """
            #include "m.h"
            static struct point origin;
            static int *const first = FIRST(&origin);
            int f(void *v) { return *FIRST(v) + sizeof(*FIRST(v)); }
            """);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "m.h"), "#define FIRST(p) (&((struct point *)(p))->x)\n");
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror", "-Wno-unused-variable");
        Assert.Empty(result.Casts.Sites);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("which is also expanded where no check may go", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cast_inside_a_larger_macro_defined_in_the_file_is_checked_once_in_the_definition_and_reports_the_line_of_each_use()
    {
        const string body = """
            #define X_OF(p) (((struct point *)(p))->x)
            int f(void *v) { return X_OF(v) + X_OF(v); }
            int g(void *v) { return X_OF(v); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define X_OF(p) (((struct point *)__liballocs_check_at_line((const volatile void *)((p)), &__liballocs_casts[0], __LINE__))->x)",
            BodyLine(result, body, "#define X_OF"));
        Assert.Equal("int f(void *v) { return X_OF(v) + X_OF(v); }", BodyLine(result, body, "int f"));
        CastSite cast = Single(result);
        int definitionLine = Prologue.Split('\n').Length;
        Assert.Equal((CastRewrite.DefinitionOperand, definitionLine, 19, null, "point"),
            (cast.Rewrite, cast.Line, cast.Column, cast.Function, Instrumenting.NameOf(cast.Target)));
        Assert.Contains($".line = {definitionLine}u, .column = 19u, .function = 0, .kind = LIBALLOCS_CHECK_IS_A, .degree = 0u, .target = &", Instrumenting.Text(result));
        Assert.Equal(CastStatistics.None with { Checked = 1 }, result.Casts.Statistics);
    }

    [Fact]
    public void A_definition_expanded_in_one_function_names_that_function()
    {
        const string body = """
            #define Y_OF(p) (((struct point *)(p))->y)
            int f(void *v, void *w) { return Y_OF(v) + Y_OF(w); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("f", Single(result).Function);
    }

    [Theory]
    [InlineData("(((struct point *)p)->x)", "GET(v)", "(((struct point *)__liballocs_check_at_line((const volatile void *)(p), &__liballocs_casts[0], __LINE__))->x)")]
    [InlineData("((struct point *)(p)->next + 0)->x", "GET(l)",
        "((struct point *)__liballocs_check_at_line((const volatile void *)((p)->next), &__liballocs_casts[0], __LINE__) + 0)->x")]
    [InlineData("(*(struct point *)*(p)).x", "GET(pp)", "(*(struct point *)__liballocs_check_at_line((const volatile void *)(*(p)), &__liballocs_casts[0], __LINE__)).x")]
    [InlineData("((struct point *)get_at((p), 2)[0])->x", "GET(v)",
        "((struct point *)__liballocs_check_at_line((const volatile void *)(get_at((p), 2)[0]), &__liballocs_casts[0], __LINE__))->x")]
    [InlineData("(((struct point *)(p))[1].y)", "GET(v)", "(((struct point *)__liballocs_check_at_line((const volatile void *)((p)), &__liballocs_casts[0], __LINE__))[1].y)")]
    public void The_operand_in_a_definition_ends_where_the_cast_expression_ends(string definition, string use, string rewritten)
    {
        string body = $"struct link {{ void *next; }};\nvoid **get_at(void *, int);\n#define GET(p) {definition}\n"
            + $"int f(void *v, struct link *l, void **pp) {{ return {use} + 1; }}\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define GET(p) " + rewritten, BodyLine(result, body, "#define GET"));
        Assert.Equal(CastRewrite.DefinitionOperand, Single(result).Rewrite);
    }

    [Fact]
    public void Nested_casts_in_one_definition_are_each_rewritten_once()
    {
        const string body = """
            #define AREA(p) (((struct shape *)(struct point *)(p))->area * 2)
            double f(void *v) { return AREA(v) + AREA(v); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define AREA(p) (((struct shape *)__liballocs_check_at_line((const volatile void *)((struct point *)__liballocs_check_at_line("
            + "(const volatile void *)((p)), &__liballocs_casts[1], __LINE__)), &__liballocs_casts[0], __LINE__))->area * 2)", BodyLine(result, body, "#define AREA"));
        Assert.Equal(2, result.Casts.Sites.Count);
    }

    [Fact]
    public void A_definition_spanning_lines_is_rewritten_without_moving_any_line()
    {
        const string body = "#define LONG_X(p) \\\n  (((struct point *)(p))->x \\\n   + 1)\nint f(void *v) { return LONG_X(v); }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("  (((struct point *)__liballocs_check_at_line((const volatile void *)((p)), &__liballocs_casts[0], __LINE__))->x \\",
            BodyLine(result, body, "(((struct point"));
        Assert.Equal("int f(void *v) { return LONG_X(v); }", BodyLine(result, body, "int f"));
    }

    [Fact]
    public void Function_pointer_casts_in_a_definition_go_through_check_function_at_line()
    {
        const string body = """
            #define CALL(f, x) (((handler)(f))(x) + 0)
            int f(void (*g)(void)) { return CALL(g, 1); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define CALL(f, x) (((handler)__liballocs_check_function_at_line((void (*)(void))((f)), &__liballocs_casts[0], __LINE__))(x) + 0)",
            BodyLine(result, body, "#define CALL"));
    }

    [Fact]
    public void A_definition_also_expanded_where_no_call_may_go_or_nothing_is_evaluated_is_left_as_it_is()
    {
        const string body = """
            #define PX(p) (&((struct point *)(p))->x)
            static struct shape s;
            static int *fixed = PX(&s);
            int f(void *v) { return *PX(v) + (int)sizeof(PX(v)); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define PX(p) (&((struct point *)(p))->x)", BodyLine(result, body, "#define PX"));
        Assert.Empty(result.Casts.Sites);
        Assert.Contains(result.Diagnostics, d => d.Descriptor.Id == "LA1011" && d.Message.Contains("where no check may go", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_that_cannot_be_rewritten_still_wraps_the_expansions_that_are_exactly_its_invocation()
    {
        const string body = """
            #define AS(p) ((struct point *)(p))
            #define X_OF(v) (AS(v)->x)
            static struct shape s;
            static struct point *fixed = AS(&s);
            int f(void *v) { return AS(v)->y + X_OF(v) + fixed->x; }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define AS(p) ((struct point *)(p))", BodyLine(result, body, "#define AS"));
        Assert.Equal(CastRewrite.Whole, Single(result).Rewrite);
        Assert.Contains("((struct point *) __liballocs_check((const volatile void *)(AS(v)), &__liballocs_casts[0]))->y", BodyLine(result, body, "int f"));
        Assert.Equal(1, result.Casts.Statistics.Skipped);
    }

    [Fact]
    public void A_definition_whose_expansions_cast_to_different_types_is_left_as_it_is()
    {
        const string body = """
            #define FIRST(T, p) (*(T *)(p) + 0)
            long f(void *v) { return FIRST(int, v) + FIRST(long, v); }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Equal("#define FIRST(T, p) (*(T *)(p) + 0)", BodyLine(result, body, "#define FIRST"));
        Assert.Equal(2, result.Casts.Statistics.Skipped);
    }

    [Fact]
    public void Checks_in_definitions_compile_under_strict_c89()
    {
        string path = Instrumenting.WriteSource("""
            struct circle { double r; };
            #define RADIUS(p) (((struct circle *)(p))->r)
            #define APPLY(f, x) (((double (*)(double))(f))(x) * 1.0)
            static double twice(double x) { return 2 * x; }
            double area(void *c, void (*g)(void))
            {
              return RADIUS(c) * RADIUS(c) + APPLY(g, 1.0) + twice(0.0);
            }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-std=c89");
        Assert.Equal(2, result.Casts.Sites.Count);
        Instrumenting.AssertCompiles(result, path, "-c", "-std=c89", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wcast-qual", "-Wcast-function-type");
    }

    [Fact]
    public void A_cast_whose_operand_is_a_whole_macro_invocation_checks_that_invocation()
    {
        const string body = """
            #define FIRST(s) ((s)->origin)
            #define ANY(v) v
            int f(void *v, struct shape *s) { return ((struct point *) ANY(v))->x + (int)((long *) &FIRST(s).y)[0]; }
            """;
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("((struct point *) __liballocs_check((const volatile void *)(ANY(v)), &__liballocs_casts[0]))",
            BodyLine(result, body, "int f"));
        Assert.Equal(2, result.Casts.Sites.Count);
    }

    [Fact]
    public void Nested_casts_are_each_checked_once()
    {
        const string body = "struct shape *f(void *v) { return (struct shape *) (struct point *) v; }\n";
        (InstrumentationResult result, _) = Instrument(body);
        Assert.Contains("return (struct shape *) __liballocs_check((const volatile void *)((struct point *) __liballocs_check((const volatile void *)(v), "
            + "&__liballocs_casts[1])), &__liballocs_casts[0]);", BodyLine(result, body, "struct shape *f"));
    }

    [Fact]
    public void Generated_checks_compile_under_strict_c89()
    {
        string path = Instrumenting.WriteSource("""
            #include <stdlib.h>
            struct node { struct node *next; int value; };
            typedef int (*fn)(int);
            static int twice(int x) { return 2 * x; }
            int main(void)
            {
              struct node *n = malloc(2 * sizeof(void *));
              void *erased = n;
              void *f = (void *) (unsigned long) twice;
              struct node *back = (struct node *) erased;
              fn g = (fn) (unsigned long) f;
              int result;
              if (!n)
                return 1;
              n->next = 0;
              n->value = 21;
              result = g(back->value);
              free(n);
              return result != 42;
            }
            """);
        InstrumentationResult result = Instrumenting.File(path, "-std=c89");
        Assert.Equal(3, result.Casts.Sites.Count);
        Instrumenting.AssertCompiles(result, path, "-std=c89", "-pedantic-errors", "-Wall", "-Wextra", "-Werror", "-Wcast-qual", "-Wcast-function-type");
    }

    [Fact]
    public void The_statistics_line_counts_checked_elided_by_reason_and_skipped()
    {
        var statistics = new CastStatistics(Checked: 5, VoidOrChar: 3, Identical: 2, NullPointer: 1, IntegerConstant: 8, Upcast: 4,
            Allocation: 7, Counterpart: 9, Skipped: 6);
        Assert.Equal("5 casts checked, 34 elided (3 void/char, 2 identical, 1 null, 8 constant, 4 upcast, 7 allocation, 9 counterpart), 6 skipped",
            statistics.ToString());
    }
}
