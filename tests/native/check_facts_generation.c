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

static unsigned long region(const void *p)
{
	return __liballocs_fact_region_generation(p);
}

/* Whether the regions of [p, p + n) (64 KiB each, modulo 4096) include q's. */
static int covers(const char *p, unsigned long n, const char *q)
{
	unsigned long first = (unsigned long)p >> 16, last = ((unsigned long)p + n - 1) >> 16, r = (unsigned long)q >> 16;
	for (unsigned long k = first; k <= last; k++)
		if (k % 4096 == r % 4096)
			return 1;
	return 0;
}

/* Points (the second level of the fact cache) stay valid while their region's generation does: a free or a retype bumps the
 * regions its chunk covers, every one of them, and not the others. */
static void regions(unsigned long n)
{
	char *marked = malloc(n);
	/* A chunk in another region: 4 MiB ones are mmapped, away from the small chunks and from each other. */
	char *far[8];
	int k = 0;
	do
		far[k] = malloc(4ul << 20);
	while (covers(marked, n, far[k]) && ++k < 8);
	CHECK(k < 8, "no chunk outside the regions of the chunk tested (size %lu)", n);
	const char *elsewhere_at = far[k < 8 ? k : 7];
	__liballocs_heap_set_site(marked, &site_a);
	unsigned long first = region(marked), last = region(marked + n - 1), elsewhere = region(elsewhere_at), g0 = generation();
	__liballocs_heap_mark_facts(marked);
	CHECK(region(marked) == first, "marking a chunk bumped its region (size %lu)", n);
	__liballocs_heap_set_site(marked, &site_b);
	CHECK(region(marked) > first && region(marked + n - 1) > last, "retyping a marked chunk left a region it covers as it was (size %lu)", n);
	CHECK(region(elsewhere_at) == elsewhere, "retyping a chunk bumped a region it does not cover (size %lu)", n);
	/* Every 64 KiB of the chunk, its last byte too: each region it covers. */
	unsigned long before[32], covered = 0;
	for (unsigned long at = 0; covered < 32; at = at + 65536 < n ? at + 65536 : n - 1)
	{
		before[covered++] = region(marked + at);
		if (at == n - 1)
			break;
	}
	free(marked);
	for (unsigned long i = 0, at = 0; i < covered; i++, at = at + 65536 < n ? at + 65536 : n - 1)
		CHECK(region(marked + at) > before[i], "freeing a marked chunk left the region of its byte %lu as it was (size %lu)", at, n);
	CHECK(region(elsewhere_at) == elsewhere, "freeing a chunk bumped a region it does not cover (size %lu)", n);
	CHECK(generation() == g0 + 2, "the range facts' generation did not move with the regions' (size %lu)", n);
	char *plain = malloc(n);
	first = region(plain);
	free(plain);
	CHECK(region(plain) == first, "freeing a chunk with no facts bumped its region (size %lu)", n);
	for (int i = 0; i <= k && i < 8; i++)
		free(far[i]);
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
	check_begin("region generations: a free or retype bumps the regions its chunk covers, and only those (small chunk)");
	regions(48);
	check_end();
	check_begin("region generations: a big chunk's free bumps each of the regions it covers");
	regions(1ul << 20);
	check_end();
	return check_exit_status();
}
