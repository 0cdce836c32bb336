// Which calls become allocation sites and what type each is inferred to allocate (AllocationSiteFinder).
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Sites;

namespace Liballocs.Tests.Instrument;

public partial class AllocationSiteFinderTests
{
    private const string Prelude = "#include <stdlib.h>\n#include <string.h>\nstruct s { int a; struct s *next; };\n";

    /// <summary>Instruments the prelude plus <paramref name="body"/>, checks the output compiles, and returns the result.</summary>
    private static InstrumentationResult Instrument(string body)
    {
        string path = Instrumenting.WriteSource(Prelude + body);
        InstrumentationResult result = Instrumenting.File(path);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        return result;
    }

    private static (string? Type, bool IsArray) SiteType(string body)
    {
        AllocationSite site = Assert.Single(Instrument(body).Sites);
        return (Instrumenting.NameOf(site.ElementType), site.IsArray);
    }

    [Fact]
    public void Malloc_of_sizeof_a_struct_allocates_one_struct()
    {
        Assert.Equal(("s", false), SiteType("void *f(void) { return malloc(sizeof(struct s)); }\n"));
    }

    [Fact]
    public void Malloc_of_a_count_times_sizeof_a_dereferenced_pointer_allocates_an_array_of_the_pointee()
    {
        Assert.Equal(("int$32", true), SiteType("int *f(int n) { int *p = malloc(n * sizeof *p); return p; }\n"));
    }

    [Fact]
    public void Calloc_allocates_an_array_of_its_element_size_type()
    {
        Assert.Equal(("float$64", true), SiteType("double *f(int n) { return calloc(n, sizeof(double)); }\n"));
    }

    [Fact]
    public void Realloc_and_reallocarray_read_their_size_and_count_arguments()
    {
        Assert.Equal(("int$64", true), SiteType("long *f(long *p) { return realloc(p, 10 * sizeof(long)); }\n"));
        Assert.Equal(("s", true), SiteType("void *f(void *p) { return reallocarray(p, 4, sizeof(struct s)); }\n"));
    }

    [Fact]
    public void Strdup_allocates_an_array_of_char_and_its_result_is_cast_back_to_char_pointer()
    {
        InstrumentationResult result = Instrument("char *f(const char *s) { return strdup(s); }\n");
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(("signed_char$8", true), (Instrumenting.NameOf(site.ElementType), site.IsArray));
        Assert.Contains("return ((char *)__liballocs_hook_heap_set_site(strdup(s), &__liballocs_sites[0]));", Instrumenting.Line(result, 4));
    }

    [Fact]
    public void A_call_of_malloc_calloc_or_realloc_written_out_goes_to_its_entry_point_taking_the_site()
    {
        InstrumentationResult result = Instrument("void *f(void *p, int n) { free(malloc(sizeof(struct s))); free(calloc (n, sizeof(struct s)));\n"
            + "  return realloc(p, (sizeof(struct s)) * 2); }\n");
        Assert.Equal("void *f(void *p, int n) { free(__liballocs_hook_malloc_at(sizeof(struct s), &__liballocs_sites[0], malloc)); "
            + "free(__liballocs_hook_calloc_at (n, sizeof(struct s), &__liballocs_sites[1], calloc));", Instrumenting.Line(result, 4));
        Assert.Equal("  return __liballocs_hook_realloc_at(p, (sizeof(struct s)) * 2, &__liballocs_sites[2], realloc); }", Instrumenting.Line(result, 5));
    }

    [Fact]
    public void A_call_from_a_macro_is_wrapped_in_place_and_evaluated_once()
    {
        InstrumentationResult result = Instrument("#define ALLOC(n) malloc(n)\nvoid *g(void) { return ALLOC(sizeof(struct s)); }\n");
        Assert.Equal("void *g(void) { return __liballocs_hook_heap_set_site(ALLOC(sizeof(struct s)), &__liballocs_sites[0]); }",
            Instrumenting.Line(result, 5));
    }

    [Fact]
    public void A_call_of_the_files_own_malloc_passes_it_to_the_entry_point()
    {
        // The file's allocator: the entry point calls the function it is given unless it is the runtime's own malloc.
        InstrumentationResult result = Instrument("static char pool[4096]; static size_t used;\n"
            + "void *malloc(size_t n) { void *p = pool + used; used += (n + 15) & ~(size_t)15; return p; }\n"
            + "void *f(void) { return malloc(sizeof(struct s)) /* ) */ ; }\n");
        Assert.Equal("void *f(void) { return __liballocs_hook_malloc_at(sizeof(struct s), &__liballocs_sites[0], malloc) /* ) */ ; }",
            Instrumenting.Line(result, 6));
    }

    [Theory]
    [InlineData("sizeof(unsigned long long)", "uint$64")]
    [InlineData("sizeof(int[4])", "__ARR4_int$32")]
    [InlineData("sizeof(struct s *)", "__PTR_s")]
    [InlineData("sizeof(const char)", "signed_char$8")]
    [InlineData("sizeof(long double)", "float$128")]
    [InlineData("sizeof(T)", "s")]
    [InlineData("sizeof(T *[2])", "__ARR2___PTR_s")]
    public void A_type_name_in_sizeof_is_read_from_its_tokens(string size, string expected)
    {
        Assert.Equal((expected, false), SiteType($"typedef struct s T;\nvoid *f(void) {{ return malloc({size}); }}\n"));
    }

    [Fact]
    public void Without_sizeof_the_pointee_of_the_initialised_variable_is_the_type()
    {
        Assert.Equal(("s", false), SiteType("void f(unsigned n) { struct s *p = malloc(n); free(p); }\n"));
    }

    [Fact]
    public void Without_sizeof_the_pointee_of_the_assigned_lvalue_or_the_return_type_is_the_type()
    {
        Assert.Equal(("s", false), SiteType("void f(struct s *p, unsigned n) { p->next = malloc(n); }\n"));
        Assert.Equal(("s", false), SiteType("struct s *f(unsigned n) { return (malloc(n)); }\n"));
        Assert.Equal(("s", true), SiteType("void *f(unsigned n) { return (struct s *) malloc(n * 16); }\n"));
    }

    [Fact]
    public void A_char_or_void_destination_leaves_the_site_untyped()
    {
        InstrumentationResult result = Instrument("char *f(unsigned n) { char *b = malloc(n + 1); return b; }\n");
        Assert.Null(Assert.Single(result.Sites).ElementType);
        Assert.Contains("LA1001", Instrumenting.DiagnosticIds(result));
    }

    [Fact]
    public void A_header_plus_an_array_of_another_type_leaves_the_site_untyped_with_a_verbose_note()
    {
        InstrumentationResult result = Instrument("void *f(int n) { return malloc(sizeof(struct s) + n * sizeof(int)); }\n");
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal((null, false), (site.ElementType, site.IsArray));
        Diagnostic note = Assert.Single(result.Diagnostics, d => d.Descriptor.Id == "LA1001");
        Assert.Contains("a header followed by an array of another type", note.Message);
        Assert.Contains(".function = \"f\", .allocator = \"malloc\", .type = 0, .flags = 0u, .header = 0u, .instance = \"malloc\" }", Instrumenting.Text(result));
    }

    [Theory]
    [InlineData("sizeof(struct fam) + n * sizeof(double)")]
    [InlineData("n * sizeof(double) + sizeof(struct fam)")]
    [InlineData("sizeof *p + n * sizeof p->v[0]")]
    [InlineData("(sizeof(struct fam) + (n * sizeof(double)))")]
    [InlineData("offsetof(struct fam, v) + n * sizeof(double)")]
    [InlineData("sizeof(struct fam) + n")]
    public void A_struct_with_a_flexible_array_member_plus_its_elements_is_one_struct_and_no_array(string size)
    {
        Assert.Equal(("fam", false), SiteType(
            $"#include <stddef.h>\nstruct fam {{ long n; double v[]; }};\nstruct fam *f(size_t n) {{ struct fam *p = malloc({size}); return p; }}\n"));
    }

    [Theory]
    [InlineData("double v[1]")]
    [InlineData("double v[0]")]
    public void An_old_style_trailing_array_of_one_or_zero_elements_counts_as_flexible(string member)
    {
        Assert.Equal(("old", false), SiteType($"struct old {{ long n; {member}; }};\nvoid *f(int n) {{ return malloc(sizeof(struct old) + n * sizeof(double)); }}\n"));
    }

    [Theory]
    [InlineData("n * sizeof(int)", "int$32", true)]
    [InlineData("sizeof(int) * n * 2", "int$32", true)]
    [InlineData("(size_t)(n * sizeof(int))", "int$32", true)]
    [InlineData("(n + 1) * sizeof(int)", "int$32", true)]
    [InlineData("round_up(n * sizeof(int))", null, false)] // what round_up returns is not read
    [InlineData("n > 0 ? n * sizeof(int) : sizeof(int)", "int$32", true)]
    public void Only_a_product_at_the_top_of_the_size_or_a_branch_of_it_makes_an_array(string size, string? type, bool isArray)
    {
        Assert.Equal((type, isArray), SiteType($"size_t round_up(size_t);\nvoid *f(size_t n) {{ return malloc({size}); }}\n"));
    }

    [Fact]
    public void Calloc_with_a_literal_count_of_one_allocates_one_object_sized_like_malloc()
    {
        const string Fam = "struct fam { long n; double v[]; };\n";
        Assert.Equal(("s", false), SiteType("void *f(void) { return calloc(1, sizeof(struct s)); }\n"));
        Assert.Equal(("fam", false), SiteType(Fam + "void *f(int n) { return calloc(1, sizeof(struct fam) + n * sizeof(double)); }\n"));
        Assert.Equal((null, false), SiteType(Fam + "void *f(int n) { return calloc(n, sizeof(struct fam) + 4 * sizeof(double)); }\n"));
        Assert.Equal(("float$64", true), SiteType("void *f(int n) { return calloc(sizeof(double), n); }\n"));
    }

    [Fact]
    public void A_macro_whose_value_is_the_call_is_wrapped_whole_and_one_holding_more_is_not_rewritten()
    {
        InstrumentationResult result = Instrument("#define ALLOC(n) malloc(n)\n#define ID(x) (x)\n#define NEW(T) ((T *) malloc(sizeof(T)))\n"
            + "#define TWO(n) (free(malloc(n)), malloc(n))\n"
            + "void *f(void) { void *p = ALLOC(4); free(p); free(NEW(struct s)); free(TWO(2)); return ID(malloc(8)); }\n");
        Assert.Equal([(null, false), ("s", false), (null, false)], result.Sites.Select(s => (Instrumenting.NameOf(s.ElementType), s.IsArray)));
        string line = Instrumenting.Line(result, 8);
        Assert.Contains("void *p = __liballocs_hook_heap_set_site(ALLOC(4), &__liballocs_sites[0]);", line);
        Assert.Contains("free(__liballocs_hook_heap_set_site(NEW(struct s), &__liballocs_sites[1]));", line);
        Assert.Contains("return __liballocs_hook_heap_set_site(ID(malloc(8)), &__liballocs_sites[2]);", line);
        Assert.Equal(2, Instrumenting.DiagnosticIds(result).Count(id => id == "LA1002"));   // TWO's two calls
    }

    [Fact]
    public void Calls_through_a_function_pointer_named_like_an_allocator_are_not_sites()
    {
        Assert.Empty(Instrument("struct ops { void *(*malloc)(size_t); };\nvoid *f(struct ops *o) { return o->malloc(4); }\n").Sites);
    }

    [Fact]
    public void Nested_allocation_calls_are_each_wrapped()
    {
        InstrumentationResult result = Instrument("char *f(const char *s) { return strdup(strdup(s)); }\n");
        Assert.Equal(2, result.Sites.Count);
        Assert.Contains("((char *)__liballocs_hook_heap_set_site(strdup(((char *)__liballocs_hook_heap_set_site(strdup(s), &__liballocs_sites[1]))), &__liballocs_sites[0]))",
            Instrumenting.Line(result, 4));
    }

    [Fact]
    public void A_site_records_its_file_line_column_function_and_allocator()
    {
        InstrumentationResult result = Instrument("void g(void)\n{\n  void *q =   calloc(2, 2);\n  free(q);\n}\n");
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(("calloc", 6, 15, "g"), (site.Allocator, site.Line, site.Column, site.Function));
        Assert.Contains("t.c\", .line = 6u, .column = 15u, .function = \"g\", .allocator = \"calloc\", .type = 0, .flags = 0u, .header = 0u, .instance = \"malloc\" }", Instrumenting.Text(result));
    }
}
