/* suballoc_index.c: the suballocator chunk index behind __liballocs_suballoc_alloc / _free / _release. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "liballocs_c.h"
#include "check.h"

static const struct __liballocs_allocsite site_a = { "pool.c", 1, 1, "f", "pool_alloc", NULL, 0, 0, "pool" };
static const struct __liballocs_allocsite site_b = { "pool.c", 2, 2, "g", "pool_alloc", NULL, 0, 0, "pool" };

/* Addresses in memory we own (the index never dereferences them, but the parent-death cases
 * need real heap chunks); static so that no heap chunk holds them. */
static char buffer[1 << 16] __attribute__((aligned(64)));
#define AT(off) ((void *)(buffer + (off)))

static int arena1, arena2, arena3;

static unsigned long generation(void)
{
	return __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
}

/* Whether p resolves to the chunk [base, base + size) with site and arena. */
static int resolves(const void *p, const void *base, unsigned long size, const void *site, const void *arena)
{
	struct __liballocs_suballoc_chunk c;
	return __liballocs_suballoc_lookup(p, &c) == 0 && c.base == base && c.size == size
		&& (const void *)c.site == site && c.arena == arena;
}

static int unknown(const void *p)
{
	return __liballocs_suballoc_lookup(p, NULL) == -1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- walk ---- */

struct walked
{
	uintptr_t bases[64];
	int n, stop_after;
};

static int collect(const struct __liballocs_suballoc_chunk *c, void *arg)
{
	struct walked *w = arg;
	if (w->n < 64)
		w->bases[w->n] = (uintptr_t)c->base;
	w->n++;
	return w->stop_after && w->n == w->stop_after ? 42 : 0;
}

/* ---- threads ---- */

#define THREADS 4
#define THREAD_SLOTS 64
#define THREAD_OPS 200000

struct worker
{
	int id;
	char *region;               /* THREAD_SLOTS * 64 bytes of its own */
	int arena;
	unsigned long live[THREAD_SLOTS];   /* size of the chunk in slot i, 0 when none */
	unsigned rng;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	for (int op = 0; op < THREAD_OPS; op++)
	{
		w->rng = w->rng * 1103515245u + 12345u;
		unsigned r = w->rng >> 8;
		int slot = (int)(r % THREAD_SLOTS);
		char *base = w->region + 64 * slot;
		if (w->live[slot] == 0)
		{
			unsigned long size = 1 + (r >> 8) % 64;
			CHECK(__liballocs_suballoc_alloc(base, size, &w->arena, &site_a) == base, "alloc result");
			w->live[slot] = size;
		}
		else if ((r >> 8) % 4 == 0)
		{
			CHECK(__liballocs_suballoc_free(base) == base, "free result");
			w->live[slot] = 0;
		}
		unsigned long size = w->live[slot];
		if (size)
		{
			CHECK(resolves(base, base, size, &site_a, &w->arena), "thread %d: base of a live chunk", w->id);
			CHECK(resolves(base + size - 1, base, size, &site_a, &w->arena), "thread %d: last byte", w->id);
		}
		else
			CHECK(unknown(base), "thread %d: a freed chunk resolved", w->id);
		/* A wild lookup now and then, racing with the other threads' writes. */
		if (op % 64 == 0)
			CHECK(unknown((void *)(uintptr_t)(0xffff800000000000ull + (uintptr_t)op)), "kernel address resolved");
	}
	if (w->id % 2 == 0)
		__liballocs_suballoc_release(&w->arena);
	else
		for (int slot = 0; slot < THREAD_SLOTS; slot++)
			if (w->live[slot])
				__liballocs_suballoc_free(w->region + 64 * slot);
	for (int slot = 0; slot < THREAD_SLOTS; slot++)
		CHECK(unknown(w->region + 64 * slot), "thread %d: slot %d survived its release", w->id, slot);
	return NULL;
}

int main(void)
{
	check_program = "suballoc_index";

	check_begin("alloc: base, interior and last byte resolve; one past the end and null do not");
	CHECK(__liballocs_suballoc_alloc(AT(64), 24, &arena1, &site_a) == AT(64), "alloc returned another pointer");
	CHECK(resolves(AT(64), AT(64), 24, &site_a, &arena1), "base");
	CHECK(resolves(AT(64 + 10), AT(64), 24, &site_a, &arena1), "interior");
	CHECK(resolves(AT(64 + 23), AT(64), 24, &site_a, &arena1), "last byte");
	CHECK(unknown(AT(64 + 24)), "one past the end resolved");
	CHECK(unknown(AT(63)), "byte before resolved");
	CHECK(__liballocs_suballoc_alloc(NULL, 8, &arena1, &site_a) == NULL && unknown(NULL), "null was recorded");
	CHECK(__liballocs_suballoc_alloc(AT(200), 0, &arena1, NULL) == AT(200), "zero-size alloc result");
	CHECK(resolves(AT(200), AT(200), 0, NULL, &arena1) && unknown(AT(201)), "zero-size chunk: its base alone");
	CHECK(__liballocs_suballoc_alloc(AT(300), 8, NULL, &site_b) == AT(300) && resolves(AT(303), AT(300), 8, &site_b, NULL),
		"null arena");
	check_end();

	check_begin("free: by base only; returns its argument");
	CHECK(__liballocs_suballoc_free(AT(64 + 8)) == AT(64 + 8), "free of an interior pointer returned another pointer");
	CHECK(resolves(AT(64), AT(64), 24, &site_a, &arena1), "free of an interior pointer freed the chunk");
	CHECK(__liballocs_suballoc_free(AT(64)) == AT(64), "free result");
	CHECK(unknown(AT(64)) && unknown(AT(70)), "freed chunk resolved");
	CHECK(__liballocs_suballoc_free(AT(64)) == AT(64), "double free result");
	CHECK(__liballocs_suballoc_free(NULL) == NULL, "free(NULL) result");
	__liballocs_suballoc_free(AT(200));
	__liballocs_suballoc_free(AT(300));
	check_end();

	check_begin("release: every chunk of the arena, no other; returns the arena");
	for (int i = 0; i < 10; i++)
		__liballocs_suballoc_alloc(AT(1024 + 32 * i), 16, i % 2 ? &arena2 : &arena1, &site_a);
	CHECK(__liballocs_suballoc_release(&arena1) == &arena1, "release result");
	for (int i = 0; i < 10; i++)
		CHECK(i % 2 ? resolves(AT(1024 + 32 * i + 5), AT(1024 + 32 * i), 16, &site_a, &arena2) : unknown(AT(1024 + 32 * i)),
			"chunk %d after releasing arena1", i);
	CHECK(__liballocs_suballoc_release(&arena3) == &arena3, "release of an arena with no chunks");
	CHECK(__liballocs_suballoc_release(NULL) == NULL, "release(NULL) result");
	__liballocs_suballoc_release(&arena2);
	for (int i = 0; i < 10; i++)
		CHECK(unknown(AT(1024 + 32 * i)), "chunk %d after releasing both", i);
	/* Chunks recorded after a release, in the same arena, are recorded again. */
	__liballocs_suballoc_alloc(AT(4096), 8, &arena1, &site_a);
	CHECK(resolves(AT(4096), AT(4096), 8, &site_a, &arena1), "arena reused after release");
	__liballocs_suballoc_release(&arena1);
	CHECK(unknown(AT(4096)), "second release");
	check_end();

	check_begin("overlap: a new chunk replaces every recorded chunk it overlaps, and only those");
	__liballocs_suballoc_alloc(AT(2048), 64, &arena1, &site_a);
	__liballocs_suballoc_alloc(AT(2048 + 64), 64, &arena1, &site_a);   /* adjacent: both live */
	CHECK(resolves(AT(2048 + 63), AT(2048), 64, &site_a, &arena1) && resolves(AT(2048 + 64), AT(2048 + 64), 64, &site_a, &arena1),
		"adjacent chunks");
	__liballocs_suballoc_alloc(AT(2048 + 32), 64, &arena2, &site_b);   /* straddles both */
	CHECK(unknown(AT(2048)) && unknown(AT(2048 + 96)), "straddled chunks survived");
	CHECK(resolves(AT(2048 + 40), AT(2048 + 32), 64, &site_b, &arena2), "the new chunk");
	__liballocs_suballoc_alloc(AT(2048 + 40), 8, &arena1, &site_a);    /* inside it */
	CHECK(unknown(AT(2048 + 32)) && resolves(AT(2048 + 47), AT(2048 + 40), 8, &site_a, &arena1) && unknown(AT(2048 + 48)),
		"a chunk inside a recorded one");
	__liballocs_suballoc_alloc(AT(2048), 256, &arena3, &site_b);        /* covers it */
	CHECK(resolves(AT(2048 + 255), AT(2048), 256, &site_b, &arena3), "a chunk covering a recorded one");
	__liballocs_suballoc_alloc(AT(2048), 16, &arena3, &site_a);         /* same base */
	CHECK(resolves(AT(2048), AT(2048), 16, &site_a, &arena3) && unknown(AT(2048 + 16)), "same base, smaller");
	/* The arena's counts stay right through replacements: arena2's chunk was replaced. */
	__liballocs_suballoc_release(&arena2);
	CHECK(resolves(AT(2048), AT(2048), 16, &site_a, &arena3), "release of an arena whose chunks were replaced");
	__liballocs_suballoc_release(&arena3);
	__liballocs_suballoc_release(&arena1);
	CHECK(unknown(AT(2048)) && unknown(AT(2048 + 40)), "overlap leftovers");
	check_end();

	check_begin("walk: address order, bounds, early stop");
	static const int order[] = { 7, 2, 9, 0, 4, 1, 8, 3, 6, 5 };
	for (int i = 0; i < 10; i++)
		__liballocs_suballoc_alloc(AT(8192 + 100 * order[i]), 10, &arena1, &site_a);
	struct walked w = { .n = 0 };
	CHECK(__liballocs_suballoc_walk(AT(0), AT(sizeof buffer), collect, &w) == 0 && w.n == 10, "walked %d", w.n);
	for (int i = 0; i < 10 && i < w.n; i++)
		CHECK(w.bases[i] == (uintptr_t)AT(8192 + 100 * i), "chunk %d out of order", i);
	w = (struct walked){ .n = 0 };
	__liballocs_suballoc_walk(AT(8192 + 105), AT(8192 + 500), collect, &w);
	CHECK(w.n == 3 && w.bases[0] == (uintptr_t)AT(8192 + 200) && w.bases[2] == (uintptr_t)AT(8192 + 400),
		"bounded walk: %d chunks", w.n);
	w = (struct walked){ .n = 0, .stop_after = 4 };
	CHECK(__liballocs_suballoc_walk(AT(0), (void *)UINTPTR_MAX, collect, &w) == 42 && w.n == 4, "early stop");
	w = (struct walked){ .n = 0 };
	CHECK(__liballocs_suballoc_walk(AT(9000), AT(8000), collect, &w) == 0 && w.n == 0, "empty range");
	__liballocs_suballoc_release(&arena1);
	w = (struct walked){ .n = 0 };
	__liballocs_suballoc_walk(AT(0), (void *)UINTPTR_MAX, collect, &w);
	CHECK(w.n == 0, "walk after release: %d", w.n);
	check_end();

	check_begin("set_site: base only, keeps the facts mark");
	__liballocs_suballoc_alloc(AT(512), 32, &arena1, NULL);
	CHECK(__liballocs_suballoc_set_site(AT(520), &site_a) == AT(520) && resolves(AT(512), AT(512), 32, NULL, &arena1),
		"set_site of an interior pointer");
	CHECK(__liballocs_suballoc_set_site(AT(512), &site_a) == AT(512) && resolves(AT(530), AT(512), 32, &site_a, &arena1),
		"set_site");
	CHECK(__liballocs_suballoc_set_site(AT(40000), &site_a) == AT(40000) && unknown(AT(40000)), "set_site elsewhere");
	__liballocs_suballoc_mark_facts(AT(512));
	CHECK(resolves(AT(512), AT(512), 32, &site_a, &arena1), "lookup shows the facts flag");
	__liballocs_suballoc_set_site(AT(512), &site_b);
	unsigned long g0 = generation();
	__liballocs_suballoc_free(AT(512));
	CHECK(generation() == g0 + 1, "set_site lost the facts mark");
	check_end();

	check_begin("facts: free, release, replacement and the holder's death bump the generation once; unmarked chunks do not");
	/* Inside a heap block no fact covers, so carving itself bumps nothing. */
	char *block = malloc(4096);
#define HAT(off) ((void *)(block + (off)))
	g0 = generation();
	__liballocs_suballoc_alloc(HAT(600), 8, &arena1, &site_a);
	__liballocs_suballoc_free(HAT(600));
	__liballocs_suballoc_alloc(HAT(600), 8, &arena1, &site_a);
	__liballocs_suballoc_alloc(HAT(600), 8, &arena1, &site_b);   /* replaces an unmarked chunk */
	__liballocs_suballoc_release(&arena1);
	CHECK(generation() == g0, "unmarked chunks bumped the generation");
	__liballocs_suballoc_mark_facts(HAT(600));   /* no chunk: no effect */
	__liballocs_suballoc_mark_facts((void *)1);
	__liballocs_suballoc_alloc(HAT(600), 8, &arena1, &site_a);
	CHECK(generation() == g0, "mark_facts of a dead chunk stuck");
	__liballocs_suballoc_mark_facts(HAT(600));
	__liballocs_suballoc_free(HAT(600));
	CHECK(generation() == g0 + 1, "free of a marked chunk");
	for (int i = 0; i < 4; i++)
	{
		__liballocs_suballoc_alloc(HAT(700 + 16 * i), 16, &arena1, &site_a);
		__liballocs_suballoc_mark_facts(HAT(700 + 16 * i));
	}
	__liballocs_suballoc_release(&arena1);
	CHECK(generation() == g0 + 2, "release of marked chunks: %lu bumps", generation() - g0 - 1);
	__liballocs_suballoc_alloc(HAT(800), 16, &arena1, &site_a);
	__liballocs_suballoc_mark_facts(HAT(800));
	__liballocs_suballoc_alloc(HAT(808), 16, &arena1, &site_b);   /* replaces the marked chunk */
	CHECK(generation() == g0 + 3, "replacement of a marked chunk");
	__liballocs_suballoc_release(&arena1);
	CHECK(generation() == g0 + 3, "release of an unmarked replacement bumped");
	/* Carving out of memory facts may cover bumps: a marked heap chunk, or non-heap memory. */
	__liballocs_heap_mark_facts(block);
	__liballocs_suballoc_alloc(HAT(900), 16, &arena1, &site_a);
	CHECK(generation() == g0 + 4, "a carve inside a heap chunk with facts did not bump");
	__liballocs_suballoc_alloc(AT(900), 16, &arena2, &site_a);
	CHECK(generation() == g0 + 5, "a carve inside static memory did not bump");
	__liballocs_suballoc_release(&arena1);
	__liballocs_suballoc_release(&arena2);
	free(block);
#undef HAT
	check_end();

	check_begin("a heap chunk's death (free, realloc) forgets the chunks carved out of it");
	for (int size = 256; size <= (1 << 20); size *= 64)
	{
		char *block = malloc((size_t)size);
		__liballocs_suballoc_alloc(block, 16, &arena1, &site_a);
		__liballocs_suballoc_alloc(block + size - 16, 16, &arena1, &site_a);
		__liballocs_suballoc_mark_facts(block + 16 * 0);
		__liballocs_suballoc_alloc(AT(900), 16, &arena1, &site_a);   /* elsewhere: survives */
		g0 = generation();
		free(block);
		CHECK(unknown(block) && unknown(block + size - 1), "size %d: chunks survived free of their block", size);
		CHECK(resolves(AT(900), AT(900), 16, &site_a, &arena1), "size %d: a chunk elsewhere was forgotten", size);
		CHECK(generation() == g0 + 1, "size %d: marked chunk's death did not bump", size);
		block = malloc((size_t)size);
		__liballocs_suballoc_alloc(block + 32, 16, &arena2, &site_a);
		block = realloc(block, (size_t)size * 4);
		CHECK(unknown(block + 32), "size %d: chunk survived realloc of its block", size);
		free(block);
		__liballocs_suballoc_release(&arena1);
		__liballocs_suballoc_release(&arena2);
	}
	check_end();

	check_begin("wild pointers: lookups and frees of any value answer unknown, never crash");
	__liballocs_suballoc_alloc(AT(1000), 8, &arena1, &site_a);
	static const uintptr_t wild[] = { 0, 1, 15, 4096, 0x7fffffffffffull, 0x800000000000ull,
		0xffff800000000000ull, 0xffffffffff600000ull, UINTPTR_MAX, UINTPTR_MAX - 1 };
	for (unsigned i = 0; i < sizeof wild / sizeof wild[0]; i++)
	{
		struct __liballocs_suballoc_chunk c;
		CHECK(__liballocs_suballoc_lookup((void *)wild[i], &c) == -1, "wild %#lx resolved", (unsigned long)wild[i]);
		CHECK(__liballocs_suballoc_free((void *)wild[i]) == (void *)wild[i], "free of wild %#lx", (unsigned long)wild[i]);
		__liballocs_suballoc_set_site((void *)wild[i], &site_b);
		__liballocs_suballoc_mark_facts((void *)wild[i]);
	}
	/* Chunks may be recorded at any address (the index never touches them), even at the top. */
	__liballocs_suballoc_alloc((void *)(UINTPTR_MAX - 7), 100, &arena2, &site_b);
	CHECK(resolves((void *)UINTPTR_MAX, (void *)(UINTPTR_MAX - 7), 100, &site_b, &arena2), "chunk at the top of the space");
	struct walked tw = { .n = 0 };
	__liballocs_suballoc_walk((void *)(UINTPTR_MAX - 100), (void *)UINTPTR_MAX, collect, &tw);
	CHECK(tw.n == 1, "walk at the top: %d", tw.n);
	__liballocs_suballoc_release(&arena2);
	CHECK(resolves(AT(1000), AT(1000), 8, &site_a, &arena1), "wild calls disturbed a chunk");
	__liballocs_suballoc_release(&arena1);
	check_end();

	check_begin("releasing big arenas is linear (200000 interleaved chunks of two arenas; 2000 arenas of 50)");
	enum { BIG = 200000 };
	char *space = malloc(BIG * 2 * 16);
	double t0 = now();
	for (int i = 0; i < BIG; i++)
	{
		__liballocs_suballoc_alloc(space + 32 * i, 16, &arena1, &site_a);
		__liballocs_suballoc_alloc(space + 32 * i + 16, 16, &arena2, &site_a);
	}
	__liballocs_suballoc_release(&arena1);
	CHECK(unknown(space) && resolves(space + 16, space + 16, 16, &site_a, &arena2), "release of interleaved arenas");
	__liballocs_suballoc_release(&arena2);
	CHECK(unknown(space + 16 + 32 * (BIG - 1)), "second arena");
	/* Many small arenas: each release visits its own window. */
	static char handles[2000];
	for (int a = 0; a < 2000; a++)
		for (int i = 0; i < 50; i++)
			__liballocs_suballoc_alloc(space + (a * 50 + i) * 16, 16, &handles[a], &site_a);
	for (int a = 1999; a >= 0; a -= 2)
		__liballocs_suballoc_release(&handles[a]);
	for (int a = 0; a < 2000; a += 2)
		__liballocs_suballoc_release(&handles[a]);
	struct walked rest = { .n = 0 };
	__liballocs_suballoc_walk(space, space + BIG * 32, collect, &rest);
	CHECK(rest.n == 0, "%d chunks left", rest.n);
	double took = now() - t0;
	printf("  %.3f s\n", took);
	CHECK(took < 5.0, "took %.1f s", took);
	free(space);
	check_end();

	check_begin("4 threads allocating, freeing and releasing in their own arenas");
	static struct worker workers[THREADS];
	static char regions[THREADS][THREAD_SLOTS * 64];
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
	{
		workers[i].id = i;
		workers[i].region = regions[i];
		workers[i].rng = 12345u + 77u * (unsigned)i;
		pthread_create(&th[i], NULL, work, &workers[i]);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	struct walked left = { .n = 0 };
	__liballocs_suballoc_walk(NULL, (void *)UINTPTR_MAX, collect, &left);
	CHECK(left.n == 0, "%d chunks left after every thread released its arena", left.n);
	check_end();
	return check_exit_status();
}
