// Sizes read through locals, counts, offsetof and the declared-type fallback (AllocationSize, LocalDefinitions, AllocationSiteFinder).
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Sites;

namespace Liballocs.Tests.Instrument;

public class AllocationSizeTests
{
    private const string Prelude = "#include <stdlib.h>\n#include <stddef.h>\n#include <stdio.h>\nstruct foo { int a; struct foo *next; };\n"
        + "struct fam { long n; double v[]; };\nstruct opaque;\n";

    /// <summary>The one site of the prelude plus <paramref name="body"/> (which must compile strictly): type name, array, why.</summary>
    private static (string? Type, bool IsArray, string Why) Site(string body)
    {
        string path = Instrumenting.WriteSource(Prelude + body);
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter");
        AllocationSite site = Assert.Single(result.Sites);
        return (Instrumenting.NameOf(site.ElementType), site.IsArray, site.Why);
    }

    private static (string? Type, bool IsArray) TypeOf(string body)
    {
        (string? type, bool isArray, _) = Site(body);
        return (type, isArray);
    }

    private static int Line(int bodyLine) => Prelude.Split('\n').Length - 1 + bodyLine;

    [Fact]
    public void A_size_held_in_a_local_whose_only_store_is_its_initialiser_is_read_from_the_initialiser()
    {
        Assert.Equal(("foo", true, $"n = count * sizeof(struct foo) at line {Line(3)}"), Site("""
            void *make(size_t count)
            {
              size_t n = count * sizeof(struct foo);
              printf("%zu\n", n);
              return malloc(n);
            }
            """));
    }

    [Fact]
    public void A_size_held_in_a_local_is_read_from_the_last_assignment_in_the_same_block_before_the_call()
    {
        Assert.Equal(("foo", false, $"n = sizeof(struct foo) at line {Line(5)}"), Site("""
            void *make(int x)
            {
              size_t n = 1;
              n = 100;
              n = sizeof(struct foo);
              if (x) puts("x");
              return malloc(n);
            }
            """));
    }

    [Fact]
    public void Locals_are_followed_through_several_steps_and_as_factors()
    {
        (string? type, bool isArray, string why) = Site("""
            void *make(size_t count)
            {
              size_t elem = sizeof(struct foo);
              size_t total = count * elem;
              return malloc(total);
            }
            """);
        Assert.Equal(("foo", true), (type, isArray));
        Assert.Equal($"total = count * elem at line {Line(4)}, elem = sizeof(struct foo) at line {Line(3)}", why);
    }

    [Theory]
    [InlineData("size_t n = sizeof(struct foo);\n  if (x) n = 2 * sizeof(struct foo);")] // stored in another block: which value reaches the call is unknown
    [InlineData("size_t n = sizeof(struct foo);\n  size_t *q = &n; *q = 3;")] // its address is taken
    [InlineData("size_t n = 3;\n  n = sizeof(struct foo);\n  again: x--;\n  if (x > 0) goto again;")] // a label lies between
    [InlineData("size_t n = sizeof(struct foo);\n  n++;")] // the last store is no plain assignment
    [InlineData("static size_t n = sizeof(struct foo);\n  n += (size_t)x;")] // a static keeps its value across calls
    public void A_local_with_an_uncertain_value_is_not_followed(string declarations)
    {
        (string? type, _, string why) = Site($"void *make(int x)\n{{\n  {declarations}\n  return malloc(n);\n}}\n");
        Assert.Equal((null, "no sizeof found: typed lazily at its first checked cast"), (type, why));
    }

    [Theory]
    [InlineData("sizeof(arr) / sizeof(arr[0]) * sizeof(struct foo)")]
    [InlineData("sizeof(struct foo) * (sizeof arr / sizeof arr[0])")]
    [InlineData("sizeof(struct foo) * sizeof(arr) / sizeof(arr[0])")]
    public void Sizeof_an_array_over_sizeof_its_element_is_a_count_not_the_element(string size)
    {
        (string? type, bool isArray, string why) = Site($"int arr[7];\nvoid *make(void) {{ return malloc({size}); }}\n");
        Assert.Equal(("foo", true, $"{size} in the size argument"), (type, isArray, why));
    }

    [Fact]
    public void A_count_held_in_a_local_leaves_the_element_to_the_size_argument()
    {
        Assert.Equal(("int$32", true), TypeOf("int arr[7];\nvoid *make(void) { size_t n = sizeof arr / sizeof arr[0]; return calloc(n, sizeof(int)); }\n"));
    }

    [Fact]
    public void Offsetof_a_flexible_array_element_sizes_one_struct()
    {
        Assert.Equal(("fam", false), TypeOf("void *make(size_t n) { return malloc(offsetof(struct fam, v) + n * sizeof(double)); }\n"));
        Assert.Equal(("fam", false), TypeOf("void *make(void) { return malloc(offsetof(struct fam, v[4])); }\n"));
        Assert.Equal((null, false), TypeOf("void *make(void) { return malloc(offsetof(struct foo, next)); }\n"));
    }

    [Theory]
    [InlineData("malloc(n)", "foo", false)]
    [InlineData("malloc(16)", "foo", false)]
    [InlineData("malloc(48)", "foo", true)]
    [InlineData("malloc(24)", null, false)] // not a multiple of sizeof(struct foo): which type is meant is unclear
    [InlineData("calloc(4, 16)", "foo", true)]
    [InlineData("calloc(n, 24)", null, false)]
    public void The_declared_type_is_used_only_when_the_size_fits_it(string call, string? type, bool isArray)
    {
        (string? found, bool array, string why) = Site($"void *make(size_t n) {{ struct foo *p = {call}; return p; }}\n");
        Assert.Equal((type, isArray), (found, array));
        Assert.Equal(type is null ? "no sizeof found: typed lazily at its first checked cast" : "declared type of p", why);
    }

    [Fact]
    public void A_constant_size_held_in_a_local_is_checked_against_the_declared_type()
    {
        Assert.Equal(("foo", true, "declared type of p"), Site("void *make(void) { size_t n = 32; struct foo *p = malloc(n); return p; }\n"));
        Assert.Equal((null, false), TypeOf("void *make(void) { size_t n = 20; struct foo *p = malloc(n); return p; }\n"));
    }

    [Fact]
    public void An_incomplete_pointee_is_no_declared_type()
    {
        Assert.Null(Site("void *make(size_t n) { struct opaque *o = malloc(n); return o; }\n").Type);
    }

    [Fact]
    public void An_alloca_size_is_read_through_locals_too()
    {
        string path = Instrumenting.WriteSource(Prelude + "#include <alloca.h>\nint f(size_t c) { size_t n = c * sizeof(int); int *b = alloca(n); b[0] = 1; return b[0]; }\n");
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Equal("__ARR_int$32", Instrumenting.NameOf(Assert.Single(result.Allocas).Type));
    }

    [Theory]
    [InlineData("sizeof(struct foo) / 2")]
    [InlineData("sizeof(struct foo) - sizeof(int)")]
    [InlineData("sizeof(int) << 4")]
    [InlineData("n ? sizeof(int) : sizeof(long)")]
    [InlineData("(sizeof(struct foo) > sizeof(struct fam) ? sizeof(struct foo) : sizeof(struct fam))")]
    [InlineData("n * sizeof(int) + 3")]
    [InlineData("(size_t)abs((int)sizeof(struct foo))")]
    public void A_size_that_only_mentions_a_sizeof_is_typed_lazily(string size)
    {
        (string? type, bool isArray, string why) = Site($"void *make(size_t n) {{ return malloc({size}); }}\n");
        Assert.Equal((null, false, "no sizeof found: typed lazily at its first checked cast"), (type, isArray, why));
    }

    [Fact]
    public void A_conditional_whose_branches_measure_the_same_type_sizes_that_type()
    {
        Assert.Equal(("foo", false), TypeOf("void *make(int c) { return malloc(c ? sizeof(struct foo) : sizeof(struct foo)); }\n"));
        Assert.Equal(("int$32", true), TypeOf("void *make(int c, size_t n) { return malloc(c ? n * sizeof(int) : 4 * sizeof(int)); }\n"));
    }

    [Theory]
    [InlineData("const char *s", "strlen(s) * sizeof(char) + 1", "signed_char$8")]
    [InlineData("size_t n", "2 * sizeof(short) + 2 * sizeof(short)", "int$16")]
    [InlineData("size_t n", "sizeof(struct foo) + n * sizeof(struct foo)", "foo")]
    public void A_sum_measuring_one_type_is_an_array_of_that_type(string parameter, string size, string element)
    {
        (string? type, bool isArray, string why) = Site($"#include <string.h>\nvoid *make({parameter}) {{ return malloc({size}); }}\n");
        Assert.Equal((element, true, $"{size} in the size argument"), (type, isArray, why));
    }

    [Fact]
    public void A_sum_measuring_two_types_is_a_header_and_an_array()
    {
        (string? type, _, string why) = Site("void *make(size_t n) { return malloc(sizeof(struct foo) + n * sizeof(int)); }\n");
        Assert.Null(type);
        Assert.EndsWith("a header followed by an array of another type, which no type describes", why);
    }
}
