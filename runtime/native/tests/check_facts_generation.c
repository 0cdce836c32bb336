/* check_facts_generation.c: freeing memory a cached check fact came from invalidates the cache. */
#include <stdlib.h>
#include "check.h"
#include "liballocs_c.h"

static const struct __liballocs_allocsite site_a = { "a.c", 1, 1, "f", "malloc", NULL, 0, 0, "malloc" };
static const struct __liballocs_allocsite site_b = { "b.c", 2, 2, "g", "malloc", NULL, 0, 0, "malloc" };

static unsigned long generation(void)
{
	return __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
}

static const struct __liballocs_allocsite *site_of(const void *p)
{
	struct __liballocs_heap_chunk c;
	return __liballocs_heap_lookup(p, &c) == 0 ? c.site : NULL;
}

static void sizes(unsigned long n)
{
	unsigned long g0 = generation();
	char *plain = malloc(n);
	__liballocs_heap_set_site(plain, &site_a);
	free(plain);
	CHECK(generation() == g0, "freeing a chunk with no facts bumped the generation (size %lu)", n);

	char *marked = malloc(n);
	__liballocs_heap_set_site(marked, &site_a);
	__liballocs_heap_mark_facts(marked);
	CHECK(site_of(marked + 1) == &site_a, "lookup shows the flag (size %lu)", n);
	__liballocs_heap_set_site(marked, &site_a);
	CHECK(generation() == g0, "setting the same site again bumped the generation (size %lu)", n);
	__liballocs_heap_set_site(marked, &site_b);
	CHECK(site_of(marked) == &site_b, "set_site after marking lost the new site (size %lu)", n);
	CHECK(generation() == g0 + 1, "retyping a marked chunk did not bump the generation (size %lu)", n);
	free(marked);
	CHECK(generation() == g0 + 2, "freeing a marked chunk did not bump the generation (size %lu)", n);

	char *grown = malloc(n);
	__liballocs_heap_mark_facts(grown);
	grown = realloc(grown, 2 * n);
	CHECK(generation() == g0 + 3, "realloc of a marked chunk did not bump the generation (size %lu)", n);
	free(grown);
	CHECK(generation() == g0 + 3, "the realloc'd chunk inherited the mark (size %lu)", n);
	__liballocs_heap_mark_facts(&plain);   /* not a heap chunk: no effect, no crash */
}

int main(void)
{
	check_program = "check_facts_generation";
	check_begin("small chunks (bitmap): mark, set_site keeps it, retyping, free and realloc bump");
	sizes(48);
	check_end();
	check_begin("big chunks (table): mark, set_site keeps it, retyping, free and realloc bump");
	sizes(1ul << 20);
	check_end();
	return check_exit_status();
}
