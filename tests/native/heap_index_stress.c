/* heap_index_stress.c: random malloc-family traffic on 4 threads, checking the heap index after every operation. */
/*
 * Each thread owns a set of live chunks and, after every operation, checks that lookups of the
 * touched chunk's base, a random interior byte and its last byte resolve to that chunk with the
 * requested size and site, and that the byte one past its end does not.
 *
 * Freed pointers: the only thing guaranteed while other threads allocate is that a freed
 * pointer does not resolve to a chunk this thread owns (another thread may already have been
 * given the address, or memory around it). When nothing else allocates (the single-threaded
 * phase, and the final sweep), a freed pointer must not resolve at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

#define THREADS 4
#define OPS_PER_THREAD 260000ul
#define SINGLE_THREADED_OPS 60000ul
#define SLOTS 256
#define FILL_EDGE 256ul        /* bytes patterned at each end of a big chunk */
#define FILL_WHOLE 4096ul      /* chunks up to this size are patterned entirely */
#define BIG LIBALLOCS_BIG_THRESHOLD

struct slot
{
	unsigned char *p;
	size_t size;
	unsigned seed;
	const struct __liballocs_allocsite *site;
};

struct thread_state
{
	int id;
	int exclusive;                /* no other thread allocates or frees */
	uint64_t rng;
	struct slot slots[SLOTS];
	unsigned long ops, frees, reallocs, big_allocs, freed_found_elsewhere;
};

static struct __liballocs_allocsite sites[16];
static struct thread_state states[THREADS + 1];
/* Published base pointers, read racily by other threads for crash-resistance lookups. */
static void *published[THREADS + 1][SLOTS];

static uint64_t next_random(struct thread_state *t)
{
	uint64_t x = t->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	t->rng = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static size_t random_size(struct thread_state *t)
{
	uint64_t r = next_random(t) % 1000;
	if (r < 600)
		return 1 + next_random(t) % 128;
	if (r < 850)
		return 129 + next_random(t) % 4000;
	if (r < 950)
		return 4097 + next_random(t) % (BIG + 4096 - 4097);
	if (r < 970)   /* right at the small/big boundary */
		return BIG - 2 + next_random(t) % 4;
	if (r < 975)
		return 0;
	return BIG + next_random(t) % (1100ul << 10);
}

static inline unsigned char pattern(unsigned seed, size_t i)
{
	return (unsigned char)(seed + i * 7 + (i >> 8));
}

static void fill(struct slot *s)
{
	if (s->size <= FILL_WHOLE)
	{
		for (size_t i = 0; i < s->size; i++)
			s->p[i] = pattern(s->seed, i);
		return;
	}
	for (size_t i = 0; i < FILL_EDGE; i++)
		s->p[i] = pattern(s->seed, i);
	for (size_t i = s->size - FILL_EDGE; i < s->size; i++)
		s->p[i] = pattern(s->seed, i);
}

/* Checks the pattern of s in [0, limit); returns the number of wrong bytes. */
static size_t verify(const struct slot *s, const unsigned char *p, size_t limit)
{
	size_t bad = 0;
	for (size_t i = 0; i < limit && i < s->size; i++)
	{
		int patterned = s->size <= FILL_WHOLE || i < FILL_EDGE || i >= s->size - FILL_EDGE;
		if (patterned && p[i] != pattern(s->seed, i))
			bad++;
	}
	return bad;
}

static void check_resolves(const struct slot *s, const void *q, const char *what)
{
	struct __liballocs_heap_chunk c;
	int rc = __liballocs_heap_lookup(q, &c);
	CHECK(rc == 0, "%s %p of chunk %p size %zu not found", what, q, (void *)s->p, s->size);
	if (rc == 0)
	{
		CHECK(c.base == s->p, "%s %p: base %p, want %p (size %zu)", what, q, c.base, (void *)s->p, s->size);
		CHECK(c.size == s->size, "%s %p: size %lu, want %zu", what, q, c.size, s->size);
		CHECK(c.site == s->site, "%s %p: site %p, want %p", what, q, (const void *)c.site, (const void *)s->site);
	}
}

static void check_live(struct thread_state *t, const struct slot *s)
{
	check_resolves(s, s->p, "base");
	if (s->size > 0)
	{
		check_resolves(s, s->p + next_random(t) % s->size, "interior");
		check_resolves(s, s->p + s->size - 1, "last byte");
	}
	struct __liballocs_heap_chunk c;
	if (__liballocs_heap_lookup(s->p + (s->size ? s->size : 1), &c) == 0)
		CHECK(c.base != s->p, "one past the end of %p (size %zu) resolves to it", (void *)s->p, s->size);
	CHECK(malloc_usable_size(s->p) >= s->size, "usable %zu < size %zu", malloc_usable_size(s->p), s->size);
}

static int owned_by(const struct thread_state *t, const void *base)
{
	for (int i = 0; i < SLOTS; i++)
		if (t->slots[i].p == base)
			return 1;
	return 0;
}

static void check_freed(struct thread_state *t, const unsigned char *p, size_t size)
{
	const unsigned char *probes[2] = { p, p + (size ? next_random(t) % size : 0) };
	for (int i = 0; i < 2; i++)
	{
		struct __liballocs_heap_chunk c;
		if (__liballocs_heap_lookup(probes[i], &c) != 0)
			continue;
		if (t->exclusive)
		{
			CHECK(0, "freed %p (+%ld) resolves to %p size %lu", (const void *)p, (long)(probes[i] - p), c.base, c.size);
			continue;
		}
		t->freed_found_elsewhere++;
		CHECK(!owned_by(t, c.base), "freed %p resolves to %p, which this thread owns", (const void *)p, c.base);
		CHECK((const unsigned char *)c.base <= probes[i] &&
			(probes[i] == c.base || (size_t)(probes[i] - (const unsigned char *)c.base) < c.size),
			"freed %p resolves to %p size %lu, not containing it", (const void *)probes[i], c.base, c.size);
	}
}

static size_t random_alignment(struct thread_state *t)
{
	static const size_t aligns[] = { 8, 16, 32, 64, 128, 256, 1024, 4096, 65536 };
	return aligns[next_random(t) % (sizeof aligns / sizeof aligns[0])];
}

static int allocate(struct thread_state *t, struct slot *s)
{
	size_t size = random_size(t);
	size_t align = 16;
	unsigned char *p = NULL;
	int zeroed = 0;
	switch (next_random(t) % 8)
	{
	case 0: case 1: case 2:
		p = malloc(size);
		break;
	case 3:
		p = calloc(1 + size / 8, size ? 8 : 0);
		size = (1 + size / 8) * (size ? 8 : 0);
		zeroed = 1;
		break;
	case 4:
		p = realloc(NULL, size);
		break;
	case 5:
		align = random_alignment(t);
		p = memalign(align, size);
		break;
	case 6:
		align = random_alignment(t);
		p = aligned_alloc(align, size);
		break;
	case 7:
		align = random_alignment(t);
		if (posix_memalign((void **)&p, align, size) != 0)
			p = NULL;
		break;
	}
	CHECK(p != NULL, "allocation of %zu failed: %s", size, strerror(errno));
	if (p == NULL)
		return 0;
	CHECK(((uintptr_t)p & (align - 1)) == 0, "%p not aligned to %zu", (void *)p, align);
	if (zeroed && size)
		CHECK(p[0] == 0 && p[size - 1] == 0 && p[size / 2] == 0, "calloc'd %p not zeroed", (void *)p);
	s->p = p;
	s->size = size;
	s->seed = (unsigned)next_random(t);
	s->site = NULL;
	if (next_random(t) % 3 == 0)
	{
		const struct __liballocs_allocsite *site = &sites[next_random(t) % 16];
		CHECK(__liballocs_heap_set_site(p, site) == p, "set_site did not return its pointer");
		s->site = site;
	}
	if (size >= BIG)
		t->big_allocs++;
	fill(s);
	/* Programs may use all of malloc_usable_size; that must not disturb the index. */
	if (next_random(t) % 4 == 0)
	{
		size_t usable = malloc_usable_size(p);
		if (usable > size)
			memset(p + size, 0xA5, usable - size);
	}
	return 1;
}

static void one_op(struct thread_state *t)
{
	struct slot *s = &t->slots[next_random(t) % SLOTS];
	if (s->p == NULL)
	{
		if (allocate(t, s))
			check_live(t, s);
	}
	else if (next_random(t) % 5 < 3)
	{
		CHECK(verify(s, s->p, s->size) == 0, "chunk %p (size %zu) was overwritten", (void *)s->p, s->size);
		unsigned char *p = s->p;
		size_t size = s->size;
		s->p = NULL;
		free(p);
		t->frees++;
		check_freed(t, p, size);
	}
	else
	{
		size_t size = random_size(t);
		if (size == 0)
			size = 1;   /* realloc(p, 0) frees; malloc_semantics.c covers it */
		unsigned char *q = realloc(s->p, size);
		CHECK(q != NULL, "realloc to %zu failed", size);
		if (q == NULL)
			return;
		size_t kept = s->size < size ? s->size : size;
		CHECK(verify(s, q, kept) == 0, "realloc %zu -> %zu lost content", s->size, size);
		s->p = q;
		s->size = size;
		s->seed = (unsigned)next_random(t);
		fill(s);
		t->reallocs++;
		check_live(t, s);   /* also checks that the site survived */
	}
	published[t->id][s - t->slots] = s->p;
	t->ops++;
}

/* Looks up pointers other threads may be freeing at this moment: must not crash, and anything
 * found must contain the address. */
static void racy_lookup(struct thread_state *t)
{
	int other = (int)(next_random(t) % THREADS);
	unsigned char *p = __atomic_load_n(&published[other][next_random(t) % SLOTS], __ATOMIC_RELAXED);
	if (p == NULL)
		return;
	unsigned char *q = p + next_random(t) % 64;
	struct __liballocs_heap_chunk c;
	if (__liballocs_heap_lookup(q, &c) == 0)
		CHECK((unsigned char *)c.base <= q, "racy lookup of %p gave base %p above it", (void *)q, c.base);
}

static void check_all(struct thread_state *t)
{
	for (int i = 0; i < SLOTS; i++)
		if (t->slots[i].p)
			check_live(t, &t->slots[i]);
}

static void *thread_main(void *arg)
{
	struct thread_state *t = arg;
	for (unsigned long i = 0; i < OPS_PER_THREAD; i++)
	{
		one_op(t);
		if (i % 8 == 0)
			racy_lookup(t);
		if (i % 8192 == 0)
			check_all(t);
	}
	check_all(t);
	return NULL;
}

struct walk_state
{
	uintptr_t last_end;
	unsigned long chunks, disorder, found_mine;
	const struct thread_state *t;
};

static int walk_cb(const struct __liballocs_heap_chunk *c, void *arg)
{
	struct walk_state *w = arg;
	uintptr_t b = (uintptr_t)c->base;
	if (b < w->last_end)
		w->disorder++;
	w->last_end = b + (c->size ? c->size : 1);
	w->chunks++;
	for (int i = 0; i < SLOTS; i++)
	{
		const struct slot *s = &w->t->slots[i];
		if (s->p == c->base)
		{
			w->found_mine++;
			CHECK(s->size == c->size && s->site == c->site, "walk: chunk %p size %lu site %p, want %zu %p",
				c->base, c->size, (const void *)c->site, s->size, (const void *)s->site);
		}
	}
	return 0;
}

static void check_walk(const struct thread_state *t)
{
	unsigned long live = 0;
	for (int i = 0; i < SLOTS; i++)
		live += t->slots[i].p != NULL;
	struct walk_state w = { 0, 0, 0, 0, t };
	int rc = __liballocs_heap_walk((void *)0, (void *)~0ul, walk_cb, &w);
	CHECK(rc == 0, "walk returned %d", rc);
	CHECK(w.disorder == 0, "walk: %lu chunks out of order or overlapping", w.disorder);
	CHECK(w.found_mine == live, "walk found %lu of this thread's %lu chunks", w.found_mine, live);
	CHECK(w.chunks >= live, "walk found %lu chunks in all", w.chunks);
}

static void free_all(struct thread_state *t)
{
	for (int i = 0; i < SLOTS; i++)
	{
		struct slot *s = &t->slots[i];
		if (s->p == NULL)
			continue;
		CHECK(verify(s, s->p, s->size) == 0, "chunk %p (size %zu) was overwritten", (void *)s->p, s->size);
		unsigned char *p = s->p;
		size_t size = s->size;
		s->p = NULL;
		free(p);
		check_freed(t, p, size);
	}
}

int main(void)
{
	const char *tunables = getenv("GLIBC_TUNABLES");
	check_program = tunables && strstr(tunables, "arena_max=1")
		? "heap_index_stress (one shared arena)" : "heap_index_stress";
	for (int i = 0; i < 16; i++)
	{
		sites[i].file = "heap_index_stress.c";
		sites[i].line = 100 + (unsigned)i;
		sites[i].allocator = "malloc";
		sites[i].instance = "malloc";
	}

	check_begin("single-threaded: lookups after every op, freed pointers never found, walk");
	struct thread_state *m = &states[THREADS];
	m->id = THREADS;
	m->exclusive = 1;
	m->rng = 0x9E3779B97F4A7C15ull;
	for (unsigned long i = 0; i < SINGLE_THREADED_OPS; i++)
	{
		one_op(m);
		if (i % 20000 == 0)
			check_walk(m);
	}
	check_all(m);
	check_walk(m);
	free_all(m);
	check_end();

	check_begin("4 threads: 1,040,000 random malloc/calloc/realloc/free/memalign/aligned_alloc/posix_memalign");
	pthread_t threads[THREADS];
	for (int i = 0; i < THREADS; i++)
	{
		states[i].id = i;
		states[i].rng = 0x1234567ull * (uint64_t)(i + 1) ^ (uint64_t)getpid();
		pthread_create(&threads[i], NULL, thread_main, &states[i]);
	}
	unsigned long ops = 0, frees = 0, reallocs = 0, bigs = 0, elsewhere = 0;
	for (int i = 0; i < THREADS; i++)
	{
		pthread_join(threads[i], NULL);
		ops += states[i].ops;
		frees += states[i].frees;
		reallocs += states[i].reallocs;
		bigs += states[i].big_allocs;
		elsewhere += states[i].freed_found_elsewhere;
	}
	CHECK(ops >= 1000000, "only %lu operations", ops);
	printf("  %lu ops (%lu frees, %lu reallocs, %lu big allocations); %lu freed-pointer lookups landed in other threads' chunks\n",
		ops, frees, reallocs, bigs, elsewhere);
	check_end();

	check_begin("after join: every surviving chunk resolves, walk sees them, then none after free");
	for (int i = 0; i < THREADS; i++)
	{
		states[i].exclusive = 1;
		check_all(&states[i]);
		check_walk(&states[i]);
	}
	for (int i = 0; i < THREADS; i++)
		free_all(&states[i]);
	check_end();
	return check_exit_status();
}
