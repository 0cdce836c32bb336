// Sites of configured wrappers and of functions storing their result through an argument (AllocationSiteFinder with a user configuration).
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Sites;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public partial class AllocationSiteFinderTests
{
    private const string Wrappers = """
        allocators:
          xmem:
            kind: wrapper
            of: malloc
            functions:
              xmalloc:   { size: 0 }
              xcalloc:   { count: 0, size: 1 }
              xrealloc:  { reallocates: 0, size: 1 }
              xfree:     { frees: 0 }
              make_buf:  { result_in: 0, size: 1, type: char }
              make_node: { result_in: 1 }
        """;

    private const string WrapperCode = """
        void *xmalloc(size_t n) { void *p = malloc(n); if (!p) abort(); return p; }
        void *xcalloc(size_t c, size_t n) { void *p = xmalloc(c * n); memset(p, 0, c * n); return p; }
        void *xrealloc(void *p, size_t n) { return realloc(p, n); }
        void xfree(void *p) { free(p); }
        void make_buf(char **out, size_t n) { *out = xmalloc(n); }
        int make_node(int tag, struct s **out) { *out = malloc(sizeof **out); return tag; }

        """;

    /// <summary>Instruments the prelude plus <paramref name="body"/> with <paramref name="yaml"/> merged over the built-in configuration,
    /// checks the output compiles strictly (and with <paramref name="flags"/>), and returns the result and the file.</summary>
    private static (InstrumentationResult Result, string Path) InstrumentWith(string yaml, string body, params string[] flags)
    {
        string path = Instrumenting.WriteSource(Prelude + body);
        AllocatorConfiguration allocators = Instrumenting.WithAllocators(yaml);
        InstrumentationResult result = Instrumenting.File(path, allocators, flags);
        Instrumenting.AssertCompiles(result, path, ["-Wall", "-Wextra", "-Werror", "-Wcast-qual", "-Wshadow", .. flags]);
        return (result, path);
    }

    private static int LineOf(string body, string marker) =>
        Prelude.Split('\n').Length - 1 + body.Split('\n').TakeWhile(l => !l.Contains(marker, StringComparison.Ordinal)).Count() + 1;

    [Fact]
    public void A_call_to_a_wrapper_is_a_site_of_the_wrapper_instance_naming_the_function_called()
    {
        const string Body = WrapperCode + "struct s *f(void) { return xmalloc(sizeof(struct s)); } // here\n";
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, Body);
        AllocationSite site = Assert.Single(result.Sites, s => s.Function == "f");
        Assert.Equal(("xmalloc", "xmem", "s", false), (site.Allocator, site.Instance, Instrumenting.NameOf(site.ElementType), site.IsArray));
        // The result is typed as the function's pointee: its conversion needs no check.
        Assert.Contains($"return __liballocs_hook_heap_set_site(xmalloc(sizeof(struct s)), &__liballocs_sites[{site.Index}]);",
            Instrumenting.Line(result, LineOf(Body, "// here")));
        Assert.Contains(".function = \"f\", .allocator = \"xmalloc\", .type = &__liballocs_uniqtype_", Instrumenting.Text(result));
        Assert.Contains(".header = 0u, .instance = \"xmem\" },", Instrumenting.Text(result));
    }

    [Fact]
    public void Calls_in_a_wrappers_own_body_to_the_heap_are_sites_and_to_its_own_functions_are_not()
    {
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, WrapperCode);
        // malloc in xmalloc, realloc in xrealloc, malloc in make_node: the heap's; xcalloc's and make_buf's xmalloc: the wrapper's own.
        Assert.Equal([("malloc", "xmalloc"), ("realloc", "xrealloc"), ("malloc", "make_node")], result.Sites.Select(s => (s.Allocator, s.Function)));
        Assert.All(result.Sites, s => Assert.Equal("malloc", s.Instance));
    }

    [Fact]
    public void A_programs_own_definition_of_a_heap_function_still_has_its_heap_calls_sited()
    {
        (InstrumentationResult result, _) = InstrumentWith("allocators: {}\n",
            "char *strndup(const char *s, size_t n) { char *p = malloc(n + 1); memcpy(p, s, n); p[n] = 0; return p; }\n");
        Assert.Equal(("malloc", "strndup"), (Assert.Single(result.Sites).Allocator, result.Sites[0].Function));
    }

    [Fact]
    public void Frees_of_a_wrapper_are_left_alone()
    {
        const string Body = WrapperCode + "void g(void *p) { xfree(p); }\n";
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, Body);
        Assert.Equal("void g(void *p) { xfree(p); }", Instrumenting.Line(result, LineOf(Body, "void g")));
        Assert.Empty(result.Releases);
    }

    [Fact]
    public void Casts_in_configured_functions_are_allocator_code_and_not_checked()
    {
        const string Body = "void *xmalloc(size_t n) { struct s *p = malloc(n); return p; }\nstruct s *g(void *v) { return v; }\n";
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, Body);
        Assert.Equal("g", Assert.Single(result.Casts.Sites).Function);
    }

    [Fact]
    public void A_result_stored_through_an_argument_is_sited_after_the_call_with_every_operand_evaluated_once()
    {
        const string Body = "int f(void **out, size_t n) { return posix_memalign(out, 64, n * sizeof(double)); } // here\n";
        (InstrumentationResult result, _) = InstrumentWith("allocators: {}\n", Body);
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(("posix_memalign", "malloc", "float$64", true), (site.Allocator, site.Instance, Instrumenting.NameOf(site.ElementType), site.IsArray));
        Assert.Equal("int f(void **out, size_t n) { return (__extension__ ({ __typeof__(void **) __liballocs_a0_0; __typeof__(int) __liballocs_v0 = "
            + "posix_memalign((__liballocs_a0_0 = (out)), 64, n * sizeof(double)); "
            + "__liballocs_hook_heap_set_site((void *)(__UINTPTR_TYPE__)*__liballocs_a0_0, &__liballocs_sites[0]); __liballocs_v0; })); } // here",
            Instrumenting.Line(result, LineOf(Body, "// here")));
    }

    [Fact]
    public void Getline_is_a_char_array_from_its_configured_type_and_keeps_its_ssize_t_result()
    {
        const string Body = "#include <stdio.h>\nlong f(FILE *in) { char *line = 0; size_t cap = 0; long n = getline(&line, &cap, in); free(line); return n; }\n";
        (InstrumentationResult result, _) = InstrumentWith("allocators: {}\n", Body, "-pedantic-errors");
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(("getline", "signed_char$8", true, "type char in the allocator configuration"),
            (site.Allocator, Instrumenting.NameOf(site.ElementType), site.IsArray, site.Why));
        Assert.Equal(SiteRewriteKind.ResultIn, site.Rewrite.Kind);
    }

    [Fact]
    public void A_void_function_storing_its_result_through_an_argument_stays_void()
    {
        const string Body = WrapperCode + "void g(char **b) { make_buf(b, 10); (void)b; } /* here */\n";
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, Body, "-std=c89", "-pedantic-errors");
        AllocationSite site = Assert.Single(result.Sites, s => s.Function == "g");
        Assert.Equal(("make_buf", "xmem", "signed_char$8", true), (site.Allocator, site.Instance, Instrumenting.NameOf(site.ElementType), site.IsArray));
        Assert.Contains("(__extension__ ({ __typeof__(char **) __liballocs_a3_0; make_buf((__liballocs_a3_0 = (b)), 10); "
            + "(void)__liballocs_hook_heap_set_site((void *)(__UINTPTR_TYPE__)*__liballocs_a3_0, &__liballocs_sites[3]); }));",
            Instrumenting.Line(result, LineOf(Body, "/* here */")));
    }

    [Fact]
    public void Without_a_sizeof_a_result_stored_through_an_argument_takes_the_declared_type_of_the_variable_it_lands_in()
    {
        const string Body = WrapperCode + "int g(void) { struct s *n; int t = make_node(3, &n); free(n); return t; }\n";
        (InstrumentationResult result, _) = InstrumentWith(Wrappers, Body);
        AllocationSite site = Assert.Single(result.Sites, s => s.Function == "g");
        Assert.Equal(("s", false, "declared type of n"), (Instrumenting.NameOf(site.ElementType), site.IsArray, site.Why));
    }

    [Fact]
    public void A_configured_type_the_file_does_not_declare_leaves_the_site_untyped_with_a_note()
    {
        const string Yaml = "allocators:\n  w: { kind: wrapper, of: malloc, functions: { mk: { size: 0, type: struct nowhere } } }\n";
        (InstrumentationResult result, _) = InstrumentWith(Yaml, "void *mk(size_t);\nvoid *f(size_t n) { return mk(n); }\n");
        Assert.Null(Assert.Single(result.Sites).ElementType);
        Assert.Contains("LA1016", Instrumenting.DiagnosticIds(result));
    }

    [Fact]
    public void A_configured_struct_type_is_found_through_the_files_own_references_to_it()
    {
        const string Yaml = "allocators:\n  w: { kind: wrapper, of: malloc, functions: { node_new: { size: 0, type: struct s } } }\n";
        (InstrumentationResult result, _) = InstrumentWith(Yaml, "void *node_new(size_t);\nvoid *f(void) { struct s *x = node_new(16); return x; }\n");
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(("s", false), (Instrumenting.NameOf(site.ElementType), site.IsArray));
    }

    [Fact]
    public void A_call_with_fewer_arguments_than_the_configuration_names_is_not_instrumented()
    {
        const string Yaml = "allocators:\n  w: { kind: wrapper, of: malloc, functions: { mk: { count: 0, size: 2 } } }\n";
        (InstrumentationResult result, _) = InstrumentWith(Yaml, "void *mk(size_t, size_t);\nvoid *f(void) { return mk(1, 2); }\n");
        Assert.Empty(result.Sites);
        Assert.Contains(result.Diagnostics, d => d.Descriptor.Id == "LA1010" && d.Message.Contains("names argument 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_result_stored_through_an_argument_is_sited_once_the_call_returns_each_operand_evaluated_once()
    {
        const string Body = WrapperCode + """
            #include <stdio.h>
            void *slot;
            char *buffer;
            static int slots, sizes;
            static void **next_slot(void) { slots++; return &slot; }
            static size_t bytes(size_t n) { sizes++; return n; }
            static char **the_buffer(void) { slots++; return &buffer; }
            int main(void)
            {
              int failed = posix_memalign(next_slot(), 64, bytes(10 * sizeof(double)));
              make_buf(the_buffer(), bytes(32));
              printf("failed %d slots %d sizes %d\n", failed, slots, sizes);
              free(slot);
              free(buffer);
              return 0;
            }
            """;
        const string Stubs = """
            #include <stdio.h>
            #include <string.h>
            #include <liballocs_meta.h>
            extern void *slot;
            extern char *buffer;
            void *__liballocs_heap_set_site(void *p, const struct __liballocs_allocsite *site)
            {
              if (strcmp(site->function, "main") == 0)
                printf("%s (%s) line %u: %s %s%s\n", site->allocator, site->instance, site->line, p == slot ? "slot" : p == (void *)buffer ? "buffer" : "?",
                  site->type ? site->type->name : "untyped", site->flags & LIBALLOCS_ALLOCSITE_F_ARRAY ? " array" : "");
              return p;
            }

            """;
        (InstrumentationResult result, string path) = InstrumentWith(Wrappers, Body);
        Instrumenting.AssertCompilesWithClang(result, path, "-Wall", "-Wextra", "-Werror", "-pedantic");
        int line = LineOf(Body, "int failed =");
        // posix_memalign's size is a call, whose result is not read: the slot is typed lazily (as for malloc).
        ProcessResult run = Instrumenting.CompileAndRun(result, path, Stubs, "-Wcast-qual", "-Wshadow");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"""
            posix_memalign (malloc) line {line}: slot untyped
            make_buf (xmem) line {line + 1}: buffer signed_char$8 array
            failed 0 slots 2 sizes 2

            """, run.Stdout);
    }
}
