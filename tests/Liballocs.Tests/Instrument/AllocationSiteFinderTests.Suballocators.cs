// Suballocator calls rewritten to record and forget their chunks (AllocationSiteFinder, MetadataEmitter), run against stub entry points.
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Sites;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public partial class AllocationSiteFinderTests
{
    private const string Pool = """
        allocators:
          pool:
            kind: suballocator
            functions:
              pool_alloc:   { arena: 0, size: 1 }
              pool_calloc:  { arena: 0, count: 1, size: 2 }
              pool_free:    { arena: 0, frees: 1 }
              pool_destroy: { releases: 0 }
        """;

    private const string PoolCode = """
        struct pool { char buf[256]; size_t used; int ops; };
        void *pool_alloc(struct pool *p, size_t n) { void *r = p->buf + p->used; p->ops++; p->used += (n + 15) & ~(size_t)15; return r; }
        void *pool_calloc(struct pool *p, size_t c, size_t n) { void *r = pool_alloc(p, c * n); memset(r, 0, c * n); return r; }
        void pool_free(struct pool *p, void *x) { p->ops++; (void)x; }
        void pool_destroy(struct pool *p) { p->ops++; }

        """;

    /// <summary>Stub runtime entry points that print each call (the arena and chunk as offsets into the pool's buffer).</summary>
    private const string PoolStubs = """
        #include <stdio.h>
        #include <liballocs_meta.h>
        extern char *pool_base;
        static long at(const void *p) { return p ? (long)((const char *)p - pool_base) : -1; }
        void *__liballocs_suballoc_alloc(void *p, unsigned long size, const void *arena, const struct __liballocs_allocsite *site)
        { printf("alloc chunk@%ld size %lu arena@%ld %s (%s) line %u type %s%s\n", at(p), size, at(arena), site->allocator, site->instance,
            site->line, site->type ? site->type->name : "untyped", site->flags & LIBALLOCS_ALLOCSITE_F_ARRAY ? " array" : ""); return p; }
        void *__liballocs_suballoc_free(void *p) { printf("free chunk@%ld\n", at(p)); return p; }
        void *__liballocs_suballoc_release(void *arena) { printf("release arena@%ld\n", at(arena)); return arena; }

        """;

    [Fact]
    public void A_suballocators_calls_record_free_and_release_their_chunks_each_operand_evaluated_once()
    {
        const string Body = PoolCode + """
            #include <stdio.h>
            char *pool_base;
            static int evaluated;
            static struct pool *the(struct pool *p) { evaluated++; return p; }
            static size_t bytes(size_t n) { evaluated++; return n; }
            int main(void)
            {
              static struct pool pl;
              struct s *one, *many;
              pool_base = (char *)&pl;
              one = pool_alloc(the(&pl), bytes(sizeof(struct s)));
              many = pool_calloc(the(&pl), bytes(3), sizeof *many);
              pool_free(the(&pl), one);
              pool_destroy(the(&pl));
              printf("evaluated %d ops %d\n", evaluated, pl.ops);
              return many == one;
            }
            """;
        (InstrumentationResult result, string path) = InstrumentWith(Pool, Body, "-std=c89", "-pedantic-errors");
        Instrumenting.AssertCompilesWithClang(result, path, "-std=c89", "-pedantic-errors", "-Wall", "-Wextra", "-Werror");
        Assert.Equal([("pool_alloc", "pool"), ("pool_calloc", "pool")], result.Sites.Select(s => (s.Allocator, s.Instance)));
        Assert.Equal([("pool_free", false), ("pool_destroy", true)], result.Releases.Select(r => (r.Function, r.Releases)));
        int line = LineOf(Body, "one = pool_alloc");
        ProcessResult run = Instrumenting.CompileAndRun(result, path, PoolStubs, "-std=c89", "-pedantic-errors", "-Wcast-qual");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"""
            alloc chunk@0 size 16 arena@0 pool_alloc (pool) line {line} type s
            alloc chunk@16 size 48 arena@0 pool_calloc (pool) line {line + 1} type s array
            free chunk@0
            release arena@0
            evaluated 6 ops 4

            """, run.Stdout);
    }

    [Fact]
    public void A_free_in_a_macro_wraps_its_argument_where_written_only_when_the_macro_uses_it_once()
    {
        const string Body = PoolCode + """
            #define FREE(P, x) pool_free((P), (x))
            #define DROP(P, x) ((x) ? pool_free((P), (x)) : (void)0)
            void f(struct pool *p, void *a, void *b) { FREE(p, a); DROP(p, b); } /* here */

            """;
        (InstrumentationResult result, _) = InstrumentWith(Pool, Body);
        string line = Instrumenting.Line(result, LineOf(Body, "/* here */"));
        Assert.Contains("FREE(p, __liballocs_hook_suballoc_free((a)));", line);
        Assert.Contains("DROP(p, b);", line);   // b is tested before the free: wrapping it would forget a chunk still in use
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("is a macro argument the macro uses 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suballocated_chunk_is_recorded_from_temporaries_in_a_statement_expression_of_the_calls_type()
    {
        const string Body = PoolCode + "struct s *f(struct pool *p) { return pool_alloc(p, sizeof(struct s)); } /* here */\n";
        (InstrumentationResult result, _) = InstrumentWith(Pool, Body);
        AllocationSite site = Assert.Single(result.Sites);
        Assert.Equal(SiteRewriteKind.Suballocation, site.Rewrite.Kind);
        // The chunk is typed as the function's pointee, so its conversion needs no check.
        Assert.Equal("struct s *f(struct pool *p) { return (__extension__ ({ __typeof__(struct pool *) __liballocs_a0_0; "
            + "__typeof__(unsigned long) __liballocs_a0_1; __typeof__(void *) __liballocs_v0 = pool_alloc((__liballocs_a0_0 = (p)), "
            + "(__liballocs_a0_1 = (sizeof(struct s)))); __liballocs_hook_suballoc_alloc((void *)(__UINTPTR_TYPE__)__liballocs_v0, "
            + "(unsigned long)__liballocs_a0_1, (const void *)(__UINTPTR_TYPE__)__liballocs_a0_0, &__liballocs_sites[0]); __liballocs_v0; })); "
            + "} /* here */", Instrumenting.Line(result, LineOf(Body, "/* here */")));
    }

    [Fact]
    public void A_suballocators_calls_in_its_own_functions_are_its_internals()
    {
        (InstrumentationResult result, _) = InstrumentWith(Pool, PoolCode);
        Assert.Empty(result.Sites); // pool_calloc's pool_alloc
        Assert.Empty(result.Casts.Sites);
    }

    [Fact]
    public void An_arena_that_is_an_integer_handle_is_passed_as_a_pointer_and_one_left_out_is_null()
    {
        const string Yaml = """
            allocators:
              slab:
                kind: suballocator
                functions:
                  slab_get: { arena: 0, size: 1 }
                  scratch:  { size: 0 }
                  slab_put: { frees: 0 }
            """;
        const string Body = """
            void *slab_get(int id, size_t n);
            char *scratch(size_t n);
            void slab_put(const void *p);
            void f(void) { const char *c = scratch(8); int *i = slab_get(2, sizeof(int)); slab_put(c); slab_put(i); } /* here */
            """;
        (InstrumentationResult result, _) = InstrumentWith(Yaml, Body);
        string line = Instrumenting.Line(result, LineOf(Body, "/* here */"));
        Assert.Contains("(unsigned long)__liballocs_a0_0, 0, &__liballocs_sites[0]); __liballocs_v0; }))", line);
        Assert.Contains("(const void *)(__UINTPTR_TYPE__)__liballocs_a1_0, &__liballocs_sites[1])", line);
        Assert.Contains("__typeof__(char *) __liballocs_v0", line);
        // A pointer to const goes through an integer to drop the qualifier without -Wcast-qual complaining.
        Assert.Contains("slab_put(__liballocs_hook_suballoc_free((void *)(__UINTPTR_TYPE__)(c)));", line);
        Assert.Contains("slab_put(__liballocs_hook_suballoc_free((void *)(__UINTPTR_TYPE__)(i)));", line);
    }

    [Fact]
    public void Suballocator_calls_inside_macros_are_left_alone_with_a_note()
    {
        const string Body = PoolCode + "#define GET(p) pool_alloc(p, 8)\nvoid *f(struct pool *p) { return GET(p); }\n";
        (InstrumentationResult result, _) = InstrumentWith(Pool, Body);
        Assert.Empty(result.Sites);
        Assert.Contains("LA1002", Instrumenting.DiagnosticIds(result));
    }
}
