/* inferred_index.c: the index of typings the check runtime infers for untyped heap memory. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "liballocs_c.h"
#include "check.h"

static const struct __liballocs_allocsite site_a = { "vm.c", 1, 1, "f", "frame", NULL, 0, 0, NULL };
static const struct __liballocs_allocsite site_b = { "vm.c", 2, 2, "g", "value", NULL, 0, 0, NULL };
/* Sites of typed objects: typings of one whole object each join with their neighbours of the same site into array typings. */
static const struct uniqtype u16_type = { .name = "uint$$16", .kind = UNIQTYPE_KIND_BASE, .size = 2 };
static const struct uniqtype u32_type = { .name = "uint$$32", .kind = UNIQTYPE_KIND_BASE, .size = 4 };
static const struct __liballocs_allocsite site_u16 = { "db.c", 3, 3, "h", "cell", &u16_type, 0, 0, NULL };
static const struct __liballocs_allocsite site_u32 = { "db.c", 4, 4, "h", "word", &u32_type, 0, 0, NULL };

static unsigned long generation(void)
{
	return __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
}

/* Whether p resolves to the typing [base, base + size) with site. */
static int typed(const void *p, const void *base, unsigned long size, const void *site)
{
	struct __liballocs_suballoc_chunk c;
	return __liballocs_inferred_lookup(p, &c) == 0 && c.base == base && c.size == size && (const void *)c.site == site
		&& c.arena == NULL;
}

static int untyped(const void *p)
{
	return __liballocs_inferred_lookup(p, NULL) == -1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Addresses only: the index never dereferences them. A region no allocation of ours uses. */
static char *region;
#define REGION_BYTES (64ul << 20)
#define AT(off) ((void *)(region + (off)))

static void test_record_and_replace(void)
{
	check_begin("record, look up, replace what overlaps");
	CHECK(untyped(AT(0)), "as the condition says");
	CHECK(__liballocs_inferred_record(AT(0x100), 16, &site_a) == 0, "as the condition says");
	CHECK(typed(AT(0x100), AT(0x100), 16, &site_a), "as the condition says");
	CHECK(typed(AT(0x10f), AT(0x100), 16, &site_a), "as the condition says");
	CHECK(untyped(AT(0x110)) && untyped(AT(0xff)), "as the condition says");
	CHECK(__liballocs_inferred_record(AT(0x110), 16, &site_b) == 0, "adjacent: both stay");
	CHECK(typed(AT(0x100), AT(0x100), 16, &site_a) && typed(AT(0x118), AT(0x110), 16, &site_b), "as the condition says");
	CHECK(__liballocs_inferred_record(AT(0x108), 4, &site_b) == 1, "inside the first: replaces it, and says so");
	CHECK(untyped(AT(0x100)) && typed(AT(0x10b), AT(0x108), 4, &site_b) && untyped(AT(0x10c)), "as the condition says");
	CHECK(typed(AT(0x110), AT(0x110), 16, &site_b), "as the condition says");
	CHECK(__liballocs_inferred_record(AT(0x100), 0x40, &site_a) == 1, "over both");
	CHECK(typed(AT(0x13f), AT(0x100), 0x40, &site_a) && untyped(AT(0x140)), "as the condition says");
	CHECK(__liballocs_inferred_record(NULL, 8, &site_a) == -1 && __liballocs_inferred_record(AT(0), 0, &site_a) == -1, "as the condition says");
	CHECK(__liballocs_inferred_lookup(NULL, NULL) == -1 && untyped((void *)UINTPTR_MAX), "as the condition says");
	check_end();
}

static void test_pages(void)
{
	check_begin("a typing spanning pages answers from every page it covers");
	uintptr_t base = 0x10000 - 24;   /* starts 24 bytes before a page boundary */
	CHECK(__liballocs_inferred_record(AT(base), 3 * 4096, &site_a) == 0, "as the condition says");
	CHECK(typed(AT(base + 4096 * 2 + 100), AT(base), 3 * 4096, &site_a), "as the condition says");
	CHECK(untyped(AT(base + 3 * 4096)), "as the condition says");
	CHECK(__liballocs_inferred_record(AT(base + 4096 + 8), 8, &site_b) == 1, "a later page's typing replaces it");
	CHECK(untyped(AT(base)) && untyped(AT(base + 3 * 4096 - 1)) && typed(AT(base + 4096 + 8), AT(base + 4096 + 8), 8, &site_b), "as the condition says");
	check_end();
}

static void test_facts(void)
{
	check_begin("forgetting a typing that carried facts bumps the free generation");
	char *chunk = malloc(256);   /* heap memory: a static one's facts may cover it, and every record would bump */
	CHECK(__liballocs_inferred_record(chunk + 32, 32, &site_a) == 0, "as the condition says");
	unsigned long g = generation();
	CHECK(__liballocs_inferred_record(chunk + 32, 32, &site_b) == 1, "no facts: no bump");
	CHECK(generation() == g, "as the condition says");
	CHECK(__liballocs_inferred_mark_facts(chunk + 32, 32, &site_a) == -1, "not the typing there now");
	CHECK(__liballocs_inferred_mark_facts(chunk + 32, 0, &site_b) == -1, "no typing of no bytes");
	CHECK(__liballocs_inferred_mark_facts(chunk + 32, 32, &site_b) == 0, "as the condition says");
	CHECK(typed(chunk + 32, chunk + 32, 32, &site_b), "the mark is not part of the site");
	CHECK(__liballocs_inferred_record(chunk + 48, 8, &site_a) == 1, "replaces the marked one");
	CHECK(generation() > g, "as the condition says");
	CHECK(__liballocs_inferred_mark_facts(chunk + 32, 32, &site_b) == -1, "replaced: no mark");
	CHECK(__liballocs_inferred_mark_facts(chunk + 48, 8, &site_a) == 0, "as the condition says");
	g = generation();
	free(chunk);   /* its typings die with it */
	CHECK(generation() > g && untyped(chunk + 48), "as the condition says");
	check_end();

	check_begin("a record into a big chunk bumps the generation only when that chunk carried facts");
	char *big = malloc(1 << 20);
	g = generation();
	CHECK(__liballocs_inferred_record(big + 4096, 16, &site_a) == 0, "as the condition says");
	CHECK(generation() == g, "as the condition says");
	__liballocs_heap_mark_facts(big);
	CHECK(__liballocs_inferred_record(big + 8192, 16, &site_a) == 0, "as the condition says");
	CHECK(generation() > g, "as the condition says");
	free(big);
	check_end();
}

static void test_overlaps_and_limits(void)
{
	check_begin("overlap queries; a typing spans at most 64 KiB");
	CHECK(__liballocs_inferred_record(AT(0x40000), 32, &site_a) == 0, "as the condition says");
	CHECK(__liballocs_inferred_overlaps(AT(0x40010), 4) == 1 && __liballocs_inferred_overlaps(AT(0x3fff0), 0x11) == 1,
		"inside it, and a range reaching into it");
	CHECK(__liballocs_inferred_overlaps(AT(0x3fff0), 0x10) == 0 && __liballocs_inferred_overlaps(AT(0x40020), 4096) == 0,
		"ranges just before and after it");
	CHECK(__liballocs_inferred_overlaps(AT(0x30000), 0x20000) == 1, "a range spanning pages around it");
	CHECK(__liballocs_inferred_record(AT(0x80000), 64ul << 10, &site_a) == 0, "as the condition says");
	CHECK(__liballocs_inferred_record(AT(0x100000 - 1), (64ul << 10) + 1, &site_a) == -1, "too big");
	check_end();
}

static void test_heap_and_suballocators(void)
{
	check_begin("typings die with their heap chunk and yield to suballocated chunks");
	char *chunk = malloc(4096);
	CHECK(__liballocs_inferred_record(chunk + 64, 16, &site_a) == 0, "as the condition says");
	CHECK(typed(chunk + 70, chunk + 64, 16, &site_a), "as the condition says");
	free(chunk);
	CHECK(untyped(chunk + 70), "as the condition says");
	chunk = malloc(4096);
	CHECK(__liballocs_inferred_record(chunk + 128, 16, &site_a) == 0, "as the condition says");
	chunk = realloc(chunk, 8192);
	CHECK(untyped(chunk + 128), "as the condition says");
	static int arena;
	CHECK(__liballocs_inferred_record(chunk + 256, 64, &site_a) == 0, "as the condition says");
	__liballocs_suballoc_alloc(chunk + 272, 32, &arena, &site_b);   /* the suballocator's word wins */
	CHECK(untyped(chunk + 256), "as the condition says");
	CHECK(__liballocs_inferred_record(chunk + 260, 16, &site_a) == -1, "overlaps the live chunk");
	__liballocs_suballoc_free(chunk + 272);
	CHECK(__liballocs_inferred_record(chunk + 280, 4, &site_a) == -1, "nor a freed one");
	CHECK(__liballocs_inferred_record(chunk + 304, 4, &site_a) == 0, "past it: fine");
	__liballocs_suballoc_release(&arena);
	free(chunk);
	CHECK(untyped(chunk + 304), "as the condition says");
	check_end();
}

/* A compressor's model: a million 12-byte units re-typed as 24-byte ones. Prints its timing. */
static void test_scale(void)
{
	check_begin("a million typings, re-typed, cost little each");
	const unsigned long n = 1000000;
	char *block = malloc(12 * n);
#undef AT
#define AT(off) ((void *)(block + (off) - 0x100000))
	double t0 = now();
	for (unsigned long i = 0; i < n; i++)
		__liballocs_inferred_record(AT(0x100000 + 12 * i), 12, &site_a);
	double t1 = now();
	for (unsigned long i = 0; i < n / 2; i++)
		__liballocs_inferred_record(AT(0x100000 + 24 * i), 24, &site_b);
	double t2 = now();
	int ok = 1;
	for (unsigned long i = 0; i < n / 2; i += 997)
		ok &= typed(AT(0x100000 + 24 * i + 13), AT(0x100000 + 24 * i), 24, &site_b);
	CHECK(ok, "as the condition says");
	CHECK(typed(AT(0x100000 + 12 * (n - 1)), AT(0x100000 + 24 * (n / 2 - 1)), 24, &site_b), "the re-typings cover the block");
	double t3 = now();
	for (unsigned long i = 0; i < n; i++)
		ok &= __liballocs_inferred_lookup(AT(0x100000 + 12 * i + 5), NULL) == 0;
	double t4 = now();
	CHECK(ok, "as the condition says");
	free(block);
	CHECK(untyped(AT(0x100000 + 12 * (n - 1))), "as the condition says");
	double t5 = now();
#undef AT
#define AT(off) ((void *)(region + (off)))
	printf("     %lu records %.0f ns each, %lu re-typings %.0f ns each, lookups %.0f ns each, forgetting %.1f ms\n",
		n, (t1 - t0) * 1e9 / n, n / 2, (t2 - t1) * 2e9 / n, (t4 - t3) * 1e9 / n, (t5 - t4) * 1e3);
	check_end();
}

/* Random records over three pages, many typings per page: every byte looks up to what a byte-by-byte model says (the page
 * directories stay right through inserts and removals in every segment, and across pages). */
static void test_against_model(void)
{
	check_begin("random typings, many per page, look up as a byte model says");
	enum { SPAN = 3 * 4096, BASE = 0x3800000 };   /* inside the region */
	static short owner[SPAN];                      /* index of the record covering each byte, or -1 */
	static unsigned long rec_base[4000], rec_size[4000];
	memset(owner, -1, sizeof owner);
	unsigned long seed = 12345;
	int ok = 1;
	for (int r = 0; r < 4000 && ok; r++)
	{
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		unsigned long base = (seed >> 33) % SPAN;
		unsigned long size = 1 + (seed >> 20) % (r % 3 == 0 ? 200 : 12);
		if (base + size > SPAN)
			size = SPAN - base;
		rec_base[r] = base;
		rec_size[r] = size;
		if (__liballocs_inferred_record(AT(BASE + base), size, r % 2 ? &site_a : &site_b) < 0)
		{
			ok = 0;
			break;
		}
		/* The new typing replaces every one it overlaps, whole. */
		for (unsigned long b = 0; b < SPAN; b++)
			if (owner[b] >= 0 && rec_base[owner[b]] < base + size && rec_base[owner[b]] + rec_size[owner[b]] > base)
				owner[b] = -1;
		for (unsigned long b = base; b < base + size; b++)
			owner[b] = (short)r;
		if (r % 97 == 0 || r > 3980)
			for (unsigned long b = 0; b < SPAN; b++)
			{
				int o = owner[b];
				ok &= o < 0 ? untyped(AT(BASE + b))
					: typed(AT(BASE + b), AT(BASE + rec_base[o]), rec_size[o], o % 2 ? &site_a : &site_b);
			}
	}
	CHECK(ok, "as the condition says");
	check_end();
}

static void test_joined_arrays(void)
{
	check_begin("whole objects of one typed site join into one array typing, in any order");
	enum { CELLS = 4096 / 2, BASE = 0x3900000 };
	static unsigned char done[CELLS];
	int ok = 1;
	/* Every cell once, in a scrambled order (a multiplier coprime with the count). */
	for (unsigned long i = 0; i < CELLS; i++)
	{
		unsigned long cell = (i * 1237 + 11) % CELLS;
		done[cell]++;
		ok &= __liballocs_inferred_record(AT(BASE + 2 * cell), 2, &site_u16) == 0;
	}
	for (unsigned long cell = 0; cell < CELLS; cell++)
		ok &= done[cell] == 1;
	CHECK(ok, "each recorded once, none replaced");
	CHECK(typed(AT(BASE), AT(BASE), 4096, &site_u16) && typed(AT(BASE + 4095), AT(BASE), 4096, &site_u16),
		"one typing of the whole page");
	check_end();

	check_begin("a re-typing inside an array typing removes the elements it overlaps, no more");
	CHECK(__liballocs_inferred_record(AT(BASE + 202), 4, &site_u32) == 1, "replaces elements");
	CHECK(typed(AT(BASE + 201), AT(BASE), 202, &site_u16), "the elements before stay, in place");
	CHECK(typed(AT(BASE + 205), AT(BASE + 202), 4, &site_u32), "as the condition says");
	CHECK(typed(AT(BASE + 206), AT(BASE + 206), 4096 - 206, &site_u16), "the elements after stay");
	CHECK(__liballocs_inferred_record(AT(BASE + 1001), 2, &site_u16) == 1, "a misaligned object replaces two elements");
	CHECK(typed(AT(BASE + 999), AT(BASE + 206), 794, &site_u16), "the elements before stay");
	CHECK(typed(AT(BASE + 1002), AT(BASE + 1001), 2, &site_u16), "joined with neither neighbour");
	CHECK(untyped(AT(BASE + 1003)) && typed(AT(BASE + 1004), AT(BASE + 1004), 4096 - 1004, &site_u16), "the elements after stay");
	CHECK(__liballocs_inferred_record(AT(BASE + 202), 2, &site_u16) == 1 && __liballocs_inferred_record(AT(BASE + 204), 2,
		&site_u16) == 0, "as the condition says");
	CHECK(typed(AT(BASE + 300), AT(BASE), 1000, &site_u16), "back as elements: joined again across the gap");
	check_end();

	check_begin("an array typing spans at most a page; a typing of no whole number of objects joins none");
	char *block = malloc(16 << 10);
	for (unsigned long off = 0; off < (12ul << 10); off += 4)
		__liballocs_inferred_record(block + off, 4, &site_u32);
	CHECK(typed(block, block, 4096, &site_u32) && typed(block + 4096, block + 4096, 4096, &site_u32)
		&& typed(block + 12287, block + 8192, 4096, &site_u32), "as the condition says");
	CHECK(__liballocs_inferred_record(block + 8, 6, &site_u32) == 1 && typed(block + 8, block + 8, 6, &site_u32)
		&& typed(block + 4, block, 8, &site_u32) && untyped(block + 14)
		&& typed(block + 16, block + 16, 4096 - 16, &site_u32), "as the condition says");
	check_end();

	check_begin("a joined typing keeps its parts' facts marks");
	unsigned long g = generation();
	CHECK(__liballocs_inferred_mark_facts(block + 16, 4096 - 16, &site_u32) == 0, "as the condition says");
	CHECK(__liballocs_inferred_record(block + 12, 4, &site_u32) == 1, "replaces the six-byte typing");
	CHECK(typed(block + 20, block + 12, 4096 - 12, &site_u32), "joined with the marked typing after it");
	CHECK(generation() == g, "the marked typing's facts still hold: no bump");
	CHECK(__liballocs_inferred_record(block + 100, 2, &site_u16) == 1 && generation() > g, "re-typing part of it bumps");
	check_end();

	check_begin("marking one object of an array typing marks the array");
	/* An array typing of its own across a page boundary of the address space, never marked. */
	char *other = malloc(16 << 10), *page = (char *)(((uintptr_t)other + 4096 + 4095) & ~(uintptr_t)4095);
	for (char *at = page - 2048; at < page + 2048; at += 4)
		__liballocs_inferred_record(at, 4, &site_u32);
	CHECK(typed(page, page - 2048, 4096, &site_u32), "as the condition says");
	g = generation();
	CHECK(__liballocs_inferred_record(page - 2000, 8, &site_b) == 1 && generation() == g, "unmarked: no bump");
	CHECK(__liballocs_inferred_mark_facts(page + 1026, 4, &site_u32) == -1, "not at an object's start");
	CHECK(__liballocs_inferred_mark_facts(page + 1024, 8, &site_u32) == -1, "not one object's size");
	CHECK(__liballocs_inferred_mark_facts(page + 1024, 4, &site_b) == -1, "not its site");
	CHECK(__liballocs_inferred_mark_facts(page + 1024, 4, &site_u32) == 0, "an object in a later page than the array's base");
	CHECK(__liballocs_inferred_record(page + 1500, 8, &site_b) == 1 && generation() > g, "re-typing another object of it bumps");
	free(block);
	free(other);
	CHECK(untyped(block + 20) && untyped(page), "they die with their chunk");
	check_end();
}

/* Random records of typed and untyped sites over three pages: every byte looks up to what a model of separate typings says,
 * where adjacent whole objects of one typed site read as one array typing of them all. */
static void test_joined_against_model(void)
{
	check_begin("random typed and untyped records look up as a model of separate typings says, joined");
	enum { SPAN = 3 * 4096, BASE = 0x3a00000, RECORDS = 6000, PIECES = 30000 };
	static short owner[SPAN];   /* the piece covering each byte, or -1 */
	static unsigned long rec_base[PIECES], rec_size[PIECES];
	static const struct __liballocs_allocsite *rec_site[PIECES];
	int pieces = 0;
	unsigned long joined = 0;   /* bytes looked up in a typing joined from several pieces */
	static const struct __liballocs_allocsite *const sites[] = { &site_u16, &site_u32, &site_a };
	memset(owner, -1, sizeof owner);
	unsigned long seed = 777;
	int ok = 1;
	for (int r = 0; r < RECORDS && ok && pieces < PIECES; r++)
	{
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		const struct __liballocs_allocsite *site = sites[(seed >> 40) % 3];
		unsigned long es = site->type ? site->type->size : 0;
		/* Typed objects mostly at their alignment and size (those join), sometimes not. */
		unsigned long base = (seed >> 20) % SPAN, size = es && (seed >> 50) % 8 ? es : 1 + (seed >> 8) % 10;
		if (es && (seed >> 53) % 8)
			base -= base % es;
		if (base + size > SPAN)
			continue;
		if (__liballocs_inferred_record(AT(BASE + base), size, site) < 0)
			ok = 0;
		/* In the model, a typing of a whole number of objects is that many pieces, one an object: removed one by one. */
		unsigned long piece = es && size % es == 0 ? es : size;
		for (unsigned long b = 0; b < SPAN; b++)
			if (owner[b] >= 0 && rec_base[owner[b]] < base + size && rec_base[owner[b]] + rec_size[owner[b]] > base)
				owner[b] = -1;
		for (unsigned long at = base; at < base + size && pieces < PIECES; at += piece, pieces++)
		{
			rec_base[pieces] = at, rec_size[pieces] = piece, rec_site[pieces] = site;
			for (unsigned long b = at; b < at + piece; b++)
				owner[b] = (short)pieces;
		}
		if (r % 101 != 0 && r < RECORDS - 10)
			continue;
		for (unsigned long b = 0; b < SPAN && ok; b++)
		{
			int o = owner[b];
			if (o < 0)
			{
				ok &= untyped(AT(BASE + b));
				continue;
			}
			/* The run of whole objects of o's site around o, each beginning where the one before ends. */
			unsigned long lo = rec_base[o], hi = lo + rec_size[o];
			const struct __liballocs_allocsite *s = rec_site[o];
			unsigned long es = s->type ? s->type->size : 0;
			if (es && rec_size[o] == es)
			{
				/* Pieces are whole objects here: joined with every adjacent one of the same site. */
				int p;
				while (lo >= es && (p = owner[lo - 1]) >= 0 && rec_site[p] == s && rec_size[p] == es && rec_base[p] == lo - es)
					lo -= es;
				while (hi + es <= SPAN && (p = owner[hi]) >= 0 && rec_site[p] == s && rec_size[p] == es && rec_base[p] == hi)
					hi += es;
			}
			joined += hi - lo > rec_size[o];
			ok &= typed(AT(BASE + b), AT(BASE + lo), hi - lo, s);
			if (!ok)
				fprintf(stderr, "     record %d, byte %lu: expected [%lu, %lu)\n", r, b, lo, hi);
		}
	}
	CHECK(ok, "as the condition says");
	CHECK(joined > SPAN, "the records joined often");
	check_end();
}

/* Readers while a writer re-types one region back and forth: a reader sees one layout or the other. */
static volatile int stop;

static void *reader(void *arg)
{
	(void)arg;
	long bad = 0;
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
	{
		for (uintptr_t off = 0; off < 4096; off += 8)
		{
			struct __liballocs_suballoc_chunk c;
			/* A region re-typed in place, one typing per write: always covered, so "none" would be wrong. */
			int rc = __liballocs_inferred_lookup(AT(0x3100000 + off), &c);
			bad += rc == -1;
			if (rc == 0)
				bad += c.site != &site_a || c.size != 16 || (uintptr_t)c.base != (uintptr_t)AT(0x3100000 + (off & ~15ul));
			/* A region switching between two layouts: any typing seen is whole. */
			rc = __liballocs_inferred_lookup(AT(0x3000000 + off), &c);
			if (rc != 0)
				continue;   /* between layouts, or busy */
			uintptr_t b = (uintptr_t)c.base - (uintptr_t)AT(0x3000000);
			int a_layout = c.site == &site_a && c.size == 16 && b % 16 == 0;
			int b_layout = c.site == &site_b && c.size == 48 && b % 48 == 0;
			bad += !(a_layout || b_layout) || b > off || off - b >= c.size;
		}
	}
	return (void *)bad;
}

static void test_concurrent_readers(void)
{
	check_begin("readers during re-typing see whole typings only");
	for (uintptr_t off = 0; off < 4096; off += 16)
		__liballocs_inferred_record(AT(0x3100000 + off), 16, &site_a);
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, reader, NULL);
	for (int round = 0; round < 200; round++)
	{
		for (uintptr_t off = 0; off + 16 <= 4096; off += 16)
			__liballocs_inferred_record(AT(0x3000000 + off), 16, &site_a);
		for (uintptr_t off = 0; off + 48 <= 4096; off += 48)
			__liballocs_inferred_record(AT(0x3000000 + off), 48, &site_b);
		for (uintptr_t off = 0; off < 4096; off += 16)
			__liballocs_inferred_record(AT(0x3100000 + off), 16, &site_a);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++)
	{
		void *bad;
		pthread_join(t[i], &bad);
		CHECK(bad == NULL, "as the condition says");
	}
	check_end();
}

int main(void)
{
	check_program = "inferred_index";
	region = mmap(NULL, REGION_BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (region == MAP_FAILED)
		return 1;
	test_record_and_replace();
	test_pages();
	test_facts();
	test_overlaps_and_limits();
	test_heap_and_suballocators();
	test_scale();
	test_against_model();
	test_joined_arrays();
	test_joined_against_model();
	test_concurrent_readers();
	return check_total_failures != 0;
}
