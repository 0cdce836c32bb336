/* suballoc_index.c: chunks of suballocators (pools, arenas, obstacks), recorded by instrumented calls. */
/*
 * allocscc rewrites the calls of configured suballocators into __liballocs_suballoc_alloc / _free /
 * _release (liballocs_meta.h). A chunk is [base, base + size) issued from an arena handle at an
 * allocation site; it lies inside some other allocation (a malloc'd block, a static array, a
 * local buffer) and is the innermost allocation there. Chunks never overlap: a new chunk that
 * overlaps recorded ones replaces them (the suballocator evidently reused their memory without
 * our seeing the free, e.g. a bump allocator reset by hand).
 *
 * The index is one array of entries sorted by base. Writers take a mutex; readers never block:
 * they use a sequence counter (odd while a writer changes the array) and retry, giving up
 * ("unknown") after milliseconds of contention, so a lookup from a signal handler that
 * interrupted a writer cannot deadlock. A grown array replaces the old one, which is never
 * unmapped (a reader may still be reading it; each is half its successor's size). Memory comes
 * from mmap only: this code runs inside free() (heap chunks dying take their suballocated
 * chunks with them: suballoc_forget_range) and must never call malloc.
 *
 * Releasing an arena visits only the address window its chunks were recorded in (a small hash
 * of arenas keeps each one's chunk count and address bounds), then moves the tail of the array
 * once: an arena's release costs its window plus one move, never a search per chunk.
 *
 * Entries carry SITE_FACTS_FLAG like the heap index (heap_index.h): forgetting a marked chunk, by
 * free, release, replacement or its holder's death, bumps __liballocs_free_generation.
 *
 * A freed chunk stays listed, marked by the return address of its free (freed_by), until its
 * memory is reused (a new chunk over it replaces it), its arena is released or its holder dies:
 * until then a check on a stale pointer into it is a use-after-free. Lookups of live chunks
 * pass over it; we cannot hold the memory back as the heap's quarantine does, the suballocator
 * owns it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "heap_index.h"
#include "seqlock.h"

/* ---- the sorted array ---- */

struct sub_entry
{
	uintptr_t base;
	unsigned long size;
	const void *arena;
	const struct __liballocs_allocsite *site;   /* with SITE_FACTS_FLAG */
	const void *freed_by;                       /* null while live */
};

struct sub_table
{
	unsigned long n;      /* entries in use, sorted by base */
	unsigned long cap;    /* entries that fit */
	struct sub_entry e[];
};

static struct sub_table *table;
/* Chunks ever recorded: while 0, the runtime skips its searches for (freed) suballocated chunks. */
unsigned long suballoc_recorded;
static unsigned long seq;   /* odd while a writer changes the entries */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

#define INITIAL_CAP 1024ul

/* The byte after a chunk: a zero-size chunk occupies its base alone; ends saturate. */
static inline uintptr_t end_of(uintptr_t base, unsigned long size)
{
	uintptr_t end;
	if (size == 0)
		size = 1;
	return __builtin_add_overflow(base, size, &end) ? UINTPTR_MAX : end;
}

static inline unsigned long load(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void store_entry(struct sub_entry *dst, const struct sub_entry *src)
{
	__atomic_store_n(&dst->base, src->base, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->size, src->size, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->arena, src->arena, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->site, src->site, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->freed_by, src->freed_by, __ATOMIC_RELAXED);
}

/* Index of the first entry with base > a (upper bound), reading bases atomically. */
static unsigned long upper_bound(const struct sub_table *t, unsigned long n, uintptr_t a)
{
	unsigned long lo = 0, hi = n;
	while (lo < hi)
	{
		unsigned long mid = lo + (hi - lo) / 2;
		if (load(&t->e[mid].base) <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first entry with base >= a. */
static unsigned long lower_bound(const struct sub_table *t, unsigned long n, uintptr_t a)
{
	unsigned long lo = 0, hi = n;
	while (lo < hi)
	{
		unsigned long mid = lo + (hi - lo) / 2;
		if (load(&t->e[mid].base) < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- where chunks were ever recorded ----
 * Every heap free asks whether suballocated chunks die with its chunk, and checks ask whether one
 * lies at an address: a search each time cost more than malloc and free themselves in programs with
 * a few suballocated chunks (an interpreter's userdata). A one-hash Bloom filter of the 64 KiB
 * regions chunks were recorded in answers "certainly none" for the rest without touching the array.
 * Bits are set before the entry is published and never cleared (a region that held a chunk once
 * is searched from then on); a chunk spanning more regions than are worth setting saturates it. */
#define REGION_SHIFT 16
#define REGION_BITS_LOG2 20
#define REGION_SPAN_MAX 4096ul

static uint64_t regions[(1ul << REGION_BITS_LOG2) / 64];
static int regions_saturated;

static inline unsigned long region_bit(uintptr_t region)
{
	return (unsigned long)((region * 0x9e3779b97f4a7c15ull) >> (64 - REGION_BITS_LOG2));
}

/* Notes that a chunk lies in [lo, hi) (writers, under the lock). */
static void regions_add(uintptr_t lo, uintptr_t hi)
{
	uintptr_t first = lo >> REGION_SHIFT, last = (hi - 1) >> REGION_SHIFT;
	if (last - first >= REGION_SPAN_MAX)
	{
		__atomic_store_n(&regions_saturated, 1, __ATOMIC_RELEASE);
		return;
	}
	for (uintptr_t r = first; r <= last; r++)
	{
		unsigned long b = region_bit(r);
		__atomic_fetch_or(&regions[b / 64], 1ull << (b % 64), __ATOMIC_RELEASE);
	}
}

/* Whether a chunk may ever have been recorded in [lo, hi) (lo < hi): 0 means certainly not. */
static int regions_may_hold(uintptr_t lo, uintptr_t hi)
{
	uintptr_t first = lo >> REGION_SHIFT, last = (hi - 1) >> REGION_SHIFT;
	if (last - first >= 64 || __atomic_load_n(&regions_saturated, __ATOMIC_ACQUIRE))
		return 1;
	for (uintptr_t r = first; r <= last; r++)
	{
		unsigned long b = region_bit(r);
		if (__atomic_load_n(&regions[b / 64], __ATOMIC_ACQUIRE) & (1ull << (b % 64)))
			return 1;
	}
	return 0;
}

/* ---- readers ---- */

enum sub_match { SUB_EXACT, SUB_CONTAINS, SUB_AT_OR_ABOVE };
#define GAVE_UP (-2)

/* The entry of t's first n that a search for a needs, read field by field; 0 when there is none. */
static int search(const struct sub_table *t, unsigned long n, uintptr_t a, enum sub_match how, struct sub_entry *e)
{
	unsigned long i;
	if (how == SUB_AT_OR_ABOVE)
	{
		i = lower_bound(t, n, a);
		if (i >= n)
			return 0;
	}
	else
	{
		i = upper_bound(t, n, a);
		if (i == 0)
			return 0;
		i--;
	}
	e->base = load(&t->e[i].base);
	e->size = load(&t->e[i].size);
	e->arena = __atomic_load_n(&t->e[i].arena, __ATOMIC_RELAXED);
	e->site = __atomic_load_n(&t->e[i].site, __ATOMIC_RELAXED);
	e->freed_by = __atomic_load_n(&t->e[i].freed_by, __ATOMIC_RELAXED);
	return 1;
}

/* Whether the entry found for a answers the search (-1 when it does not), and *out then. */
static int matched(uintptr_t a, enum sub_match how, int found, const struct sub_entry *e, struct sub_entry *out)
{
	if (!table_entry_answers(found, how == SUB_EXACT, how == SUB_CONTAINS, a, e->base, e->size))
		return -1;
	*out = *e;
	return 0;
}

/* A reader the writers kept out of the lock-free path reads under their lock, taken only when free:
 * never blocking, a lookup from a signal handler that interrupted a writer still cannot deadlock.
 * GAVE_UP when the lock stayed busy too. */
static int find_locked(uintptr_t a, enum sub_match how, struct sub_entry *out)
{
	for (unsigned tries = 0; tries < 10000; tries++)
	{
		if (pthread_mutex_trylock(&lock) == 0)
		{
			struct sub_entry e = { 0, 0, NULL, NULL, NULL };
			int found = table != NULL && search(table, table->n, a, how, &e);
			pthread_mutex_unlock(&lock);
			return matched(a, how, found, &e, out);
		}
		sched_yield();
	}
	return GAVE_UP;
}

/* Lock-free search. SUB_EXACT: the entry based at a; SUB_CONTAINS: the entry containing a;
 * SUB_AT_OR_ABOVE: the lowest entry based at or above a. Returns 0 and fills *out (site with its
 * flag), -1 when there is none, GAVE_UP when writers kept the array busy too long. */
static int find(uintptr_t a, enum sub_match how, struct sub_entry *out)
{
	unsigned tries = 0;
	if (how != SUB_AT_OR_ABOVE && !regions_may_hold(a, end_of(a, 1)))
		return -1;
	for (;;)
	{
		unsigned long s1 = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
		if (s1 & 1)
		{
			if (!seqlock_backoff(&tries))
				return find_locked(a, how, out);
			continue;
		}
		struct sub_table *t = __atomic_load_n(&table, __ATOMIC_ACQUIRE);
		if (t == NULL)
			return -1;
		unsigned long n = load(&t->n);
		if (n > t->cap)
			n = t->cap;   /* torn; the sequence check rejects it */
		struct sub_entry e = { 0, 0, NULL, NULL, NULL };
		int found = search(t, n, a, how, &e);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&seq, __ATOMIC_RELAXED) != s1)
		{
			if (!seqlock_backoff(&tries))
				return find_locked(a, how, out);
			continue;
		}
		return matched(a, how, found, &e, out);
	}
}

static void to_chunk(const struct sub_entry *e, struct __liballocs_suballoc_chunk *out)
{
	out->base = (void *)e->base;
	out->size = e->size;
	out->site = site_without_flag(e->site);
	out->arena = e->arena;
	out->free_caller = e->freed_by;
}

/* ---- per-arena bounds (writers only, under the lock) ---- */

struct arena_stat
{
	const void *arena;
	unsigned long count;   /* listed chunks, freed ones included */
	uintptr_t lo, hi;      /* every live chunk lies in [lo, hi) (bounds only grow while count > 0) */
	int used;
};

static struct arena_stat *arenas;
static unsigned long arenas_cap, arenas_used;   /* slots, slots ever used (count may be 0) */
static int arenas_broken;   /* no memory for the hash: releases scan the whole array */

static inline unsigned long arena_hash(const void *arena)
{
	uint64_t x = (uintptr_t)arena;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (unsigned long)x;
}

static struct arena_stat *arena_slot(struct arena_stat *tab, unsigned long cap, const void *arena)
{
	unsigned long i = arena_hash(arena) & (cap - 1);
	while (tab[i].used && tab[i].arena != arena)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static struct arena_stat *arena_find(const void *arena)
{
	if (arenas == NULL)
		return NULL;
	struct arena_stat *s = arena_slot(arenas, arenas_cap, arena);
	return s->used ? s : NULL;
}

void *index_map_zeroed(unsigned long bytes)
{
	int saved_errno = errno;   /* we run inside malloc-family calls */
	void *m = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	errno = saved_errno;
	return m == MAP_FAILED ? NULL : m;
}

/* The stat of `arena`, made if need be; null when the hash has no memory (arenas_broken set). */
static struct arena_stat *arena_get(const void *arena)
{
	if (arenas_broken)
		return NULL;
	struct arena_stat *s = arenas ? arena_slot(arenas, arenas_cap, arena) : NULL;
	if (s && s->used)
		return s;
	if (arenas == NULL || 2 * (arenas_used + 1) > arenas_cap)
	{
		/* Grow (or clean out arenas with no chunks), keeping the load at most a half. */
		unsigned long live = 0;
		for (unsigned long i = 0; i < arenas_cap; i++)
			live += arenas[i].used && arenas[i].count > 0;
		unsigned long cap = 64;
		while (cap < 4 * (live + 1))
			cap *= 2;
		struct arena_stat *fresh = index_map_zeroed(cap * sizeof *fresh);
		if (fresh == NULL)
		{
			arenas_broken = 1;
			return NULL;
		}
		for (unsigned long i = 0; i < arenas_cap; i++)
			if (arenas[i].used && arenas[i].count > 0)
				*arena_slot(fresh, cap, arenas[i].arena) = arenas[i];
		if (arenas)
			munmap(arenas, arenas_cap * sizeof *arenas);   /* only writers, under the lock, read it */
		arenas = fresh;
		arenas_cap = cap;
		arenas_used = live;
		s = arena_slot(arenas, arenas_cap, arena);
	}
	s->used = 1;
	s->arena = arena;
	s->count = 0;
	arenas_used++;
	return s;
}

static void arena_added(const void *arena, uintptr_t base, unsigned long size)
{
	struct arena_stat *s = arena_get(arena);
	if (s == NULL)
		return;
	uintptr_t end = end_of(base, size);
	if (s->count++ == 0)
	{
		s->lo = base;
		s->hi = end;
		return;
	}
	if (base < s->lo)
		s->lo = base;
	if (end > s->hi)
		s->hi = end;
}

static void arena_removed(const void *arena)
{
	struct arena_stat *s = arena_find(arena);
	if (s && s->count > 0)
		s->count--;
}

/* ---- writers (under the lock) ---- */

/* Moves entries [from, n) to start at index `to` (to <= from, or to > from with room). */
static void move_tail(struct sub_table *t, unsigned long from, unsigned long n, unsigned long to)
{
	if (to < from)
		for (unsigned long k = from; k < n; k++)
			store_entry(&t->e[to + (k - from)], &t->e[k]);
	else if (to > from)
		for (unsigned long k = n; k > from; k--)
			store_entry(&t->e[to + (k - 1 - from)], &t->e[k - 1]);
}

/* Removes the entries overlapping [lo, hi) (within seqlock_write_begin/end), adding those that carried facts to *facts. */
static void remove_overlapping(struct sub_table *t, uintptr_t lo, uintptr_t hi, struct facts_span *facts)
{
	unsigned long n = t->n;
	unsigned long i = upper_bound(t, n, lo);
	if (i > 0 && end_of(t->e[i - 1].base, t->e[i - 1].size) > lo)
		i--;
	unsigned long j = lower_bound(t, n, hi);
	if (j <= i)
		return;
	for (unsigned long k = i; k < j; k++)
	{
		if (site_has_facts(t->e[k].site))
			facts_span_add(facts, t->e[k].base, t->e[k].size);
		arena_removed(t->e[k].arena);
	}
	move_tail(t, j, n, i);
	__atomic_store_n(&t->n, n - (j - i), __ATOMIC_RELAXED);
}

/* A table with room for one more entry (the current one, or a grown copy, published); null when
 * no memory. */
static struct sub_table *room_for_one(void)
{
	struct sub_table *t = table;
	if (t && t->n < t->cap)
		return t;
	unsigned long cap = t ? 2 * t->cap : INITIAL_CAP;
	struct sub_table *grown = index_map_zeroed(sizeof(struct sub_table) + cap * sizeof(struct sub_entry));
	if (grown == NULL)
		return NULL;
	grown->cap = cap;
	grown->n = t ? t->n : 0;
	if (t)   /* nobody reads `grown` until it is published */
		memcpy(grown->e, t->e, t->n * sizeof(struct sub_entry));
	/* The old table stays mapped: readers may be in it. */
	__atomic_store_n(&table, grown, __ATOMIC_RELEASE);
	return grown;
}

/* fork() while another thread holds the lock would leave the child's lock held forever. */
static void sub_prefork(void) { pthread_mutex_lock(&lock); }
static void sub_postfork(void) { pthread_mutex_unlock(&lock); }

static void suballoc_index_init_body(void)
{
	pthread_atfork(sub_prefork, sub_postfork, sub_postfork);
}
LIBALLOCS_CONSTRUCTOR(suballoc_index_init, suballoc_index_init_body)

/* ---- the contract's entry points (liballocs_meta.h) ---- */

LIBALLOCS_EXPORT void *__liballocs_suballoc_alloc(void *p, unsigned long size, const void *arena,
	const struct __liballocs_allocsite *site)
{
	if (p == NULL)
		return p;
	uintptr_t base = (uintptr_t)p;
	site = site_without_flag(site);
	struct facts_span facts = FACTS_SPAN_NONE;
	heap_index_mark_holds_suballoc(p, size);   /* before the record: a check that sees it also sees the mark */
	pthread_mutex_lock(&lock);
	struct sub_table *t = room_for_one();
	seqlock_write_begin(&seq);
	if (t)
	{
		remove_overlapping(t, base, end_of(base, size), &facts);
		regions_add(base, end_of(base, size));
		unsigned long n = t->n;
		unsigned long i = lower_bound(t, n, base);
		move_tail(t, i, n, i + 1);
		struct sub_entry e = { base, size, arena, site, NULL };
		store_entry(&t->e[i], &e);
		__atomic_store_n(&t->n, n + 1, __ATOMIC_RELAXED);
		arena_added(arena, base, size);
		__atomic_store_n(&suballoc_recorded, suballoc_recorded + 1, __ATOMIC_RELAXED);
	}
	else if (table)
	{
		/* No memory for the new entry: at least forget what it overlaps (stale now). */
		remove_overlapping(table, base, end_of(base, size), &facts);
	}
	seqlock_write_end(&seq);
	pthread_mutex_unlock(&lock);
	inferred_forget_range(p, size, 1);   /* the suballocator's word beats a cast's guess */
	/* A cached fact about the memory now holding this chunk (its heap chunk's elements, a static
	 * array) would answer for the chunk's addresses as if it were not there. */
	if (heap_index_holder_may_have_facts(p))
		facts_span_add(&facts, base, size);
	facts_span_invalidate(&facts);
	return p;
}

LIBALLOCS_EXPORT __attribute__((noinline)) void *__liballocs_suballoc_free(void *p)
{
	const void *caller = __builtin_return_address(0);   /* the instrumented call of the configured free */
	uintptr_t base = (uintptr_t)p;
	struct sub_entry e;
	if (p == NULL || find(base, SUB_EXACT, &e) == -1)
		return p;   /* not a chunk base: no lock (a search that gave up proves nothing) */
	struct facts_span facts = FACTS_SPAN_NONE;
	pthread_mutex_lock(&lock);
	struct sub_table *t = table;
	unsigned long n = t ? t->n : 0;
	unsigned long i = t ? upper_bound(t, n, base) : 0;
	if (i > 0 && t->e[i - 1].base == base && t->e[i - 1].freed_by == NULL)
	{
		/* Listed as freed (with its facts flag cleared) until its memory is reused. */
		i--;
		if (site_has_facts(t->e[i].site))
			facts_span_add(&facts, t->e[i].base, t->e[i].size);
		seqlock_write_begin(&seq);
		__atomic_store_n(&t->e[i].site, site_without_flag(t->e[i].site), __ATOMIC_RELAXED);
		__atomic_store_n(&t->e[i].freed_by, caller, __ATOMIC_RELAXED);
		seqlock_write_end(&seq);
	}
	pthread_mutex_unlock(&lock);
	facts_span_invalidate(&facts);
	return p;
}

LIBALLOCS_EXPORT void *__liballocs_suballoc_release(void *arena)
{
	struct facts_span facts = FACTS_SPAN_NONE;
	pthread_mutex_lock(&lock);
	struct sub_table *t = table;
	struct arena_stat *s = arena_find(arena);
	if (t && t->n > 0 && (arenas_broken || (s && s->count > 0)))
	{
		/* Only the arena's window [lo, hi) can hold its chunks (the whole array without stats). */
		unsigned long n = t->n;
		unsigned long i = arenas_broken ? 0 : lower_bound(t, n, s->lo);
		unsigned long j = arenas_broken ? n : lower_bound(t, n, s->hi);
		unsigned long w = i;
		seqlock_write_begin(&seq);
		for (unsigned long k = i; k < j; k++)
		{
			if (t->e[k].arena == arena)
			{
				if (site_has_facts(t->e[k].site))
					facts_span_add(&facts, t->e[k].base, t->e[k].size);
				continue;
			}
			if (w != k)
				store_entry(&t->e[w], &t->e[k]);
			w++;
		}
		if (w < j)
		{
			move_tail(t, j, n, w);
			__atomic_store_n(&t->n, n - (j - w), __ATOMIC_RELAXED);
		}
		seqlock_write_end(&seq);
		if (s)
			s->count = 0;
	}
	pthread_mutex_unlock(&lock);
	facts_span_invalidate(&facts);
	return arena;
}

/* ---- what the runtime asks (shim_api.h) ---- */

LIBALLOCS_EXPORT int __liballocs_suballoc_lookup(const void *p, struct __liballocs_suballoc_chunk *out)
{
	struct sub_entry e;
	if (p == NULL || find((uintptr_t)p, SUB_CONTAINS, &e) != 0 || e.freed_by != NULL)
		return -1;
	if (out)
		to_chunk(&e, out);
	return 0;
}

LIBALLOCS_EXPORT int __liballocs_suballoc_lookup_freed(const void *p, struct __liballocs_suballoc_chunk *out)
{
	struct sub_entry e;
	if (p == NULL || find((uintptr_t)p, SUB_CONTAINS, &e) != 0 || e.freed_by == NULL)
		return -1;
	if (out)
		to_chunk(&e, out);
	return 0;
}

LIBALLOCS_EXPORT int __liballocs_suballoc_walk(const void *begin, const void *end,
	int (*cb)(const struct __liballocs_suballoc_chunk *chunk, void *arg), void *arg)
{
	uintptr_t cursor = (uintptr_t)begin, limit = (uintptr_t)end;
	if (cb == NULL)
		return 0;
	while (cursor < limit)
	{
		struct sub_entry e;
		if (find(cursor, SUB_AT_OR_ABOVE, &e) != 0 || e.base >= limit)
			break;
		/* Chunks are disjoint: the next base is at or after this chunk's end. */
		uintptr_t next = end_of(e.base, e.size);
		if (e.freed_by == NULL)
		{
			struct __liballocs_suballoc_chunk c;
			to_chunk(&e, &c);
			int rc = cb(&c, arg);
			if (rc)
				return rc;
		}
		if (next == UINTPTR_MAX)
			break;
		cursor = next;
	}
	return 0;
}

/* Updates the site of the entry based at p (keeping its flag), or (mark) sets the flag. */
static void update_site(const void *p, const struct __liballocs_allocsite *site, int mark)
{
	uintptr_t base = (uintptr_t)p;
	struct sub_entry e;
	if (p == NULL || find(base, SUB_EXACT, &e) == -1)
		return;
	pthread_mutex_lock(&lock);
	struct sub_table *t = table;
	unsigned long i = t ? upper_bound(t, t->n, base) : 0;
	if (i > 0 && t->e[i - 1].base == base && t->e[i - 1].freed_by == NULL)
	{
		/* One atomic word: readers see the old or the new site of the same chunk. */
		uintptr_t old = (uintptr_t)t->e[i - 1].site;
		uintptr_t updated = mark ? (old | SITE_FACTS_FLAG)
			: ((uintptr_t)site_without_flag(site) | (old & SITE_FACTS_FLAG));
		__atomic_store_n(&t->e[i - 1].site, (const struct __liballocs_allocsite *)updated, __ATOMIC_RELAXED);
		if (!mark)
			check_facts_retyped(old, site, (const void *)base, t->e[i - 1].size);
	}
	pthread_mutex_unlock(&lock);
}

LIBALLOCS_EXPORT void *__liballocs_suballoc_set_site(void *p, const struct __liballocs_allocsite *site)
{
	update_site(p, site, 0);
	return p;
}

LIBALLOCS_EXPORT void __liballocs_suballoc_mark_facts(const void *p)
{
	update_site(p, NULL, 1);
}

int suballoc_overlaps(const void *p, unsigned long size)
{
	uintptr_t lo = (uintptr_t)p, hi = end_of(lo, size);
	struct sub_entry e;
	if (load(&suballoc_recorded) == 0 || !regions_may_hold(lo, hi))
		return 0;
	int below = find(lo, SUB_CONTAINS, &e);
	if (below != -1)
		return 1;   /* found, or gave up */
	int above = find(lo, SUB_AT_OR_ABOVE, &e);
	return above == GAVE_UP || (above == 0 && e.base < hi);
}

/* ---- the heap's side ---- */

void suballoc_forget_range(const void *p, unsigned long size)
{
	struct sub_table *t = __atomic_load_n(&table, __ATOMIC_ACQUIRE);
	if (__builtin_expect(t == NULL || load(&t->n) == 0 || size == 0, 1))
		return;
	uintptr_t lo = (uintptr_t)p, hi = end_of(lo, size);
	if (!regions_may_hold(lo, hi))
		return;
	struct sub_entry e;
	int below = find(lo, SUB_CONTAINS, &e);
	int above = below == 0 ? 0 : find(lo, SUB_AT_OR_ABOVE, &e);
	if (below == -1 && (above == -1 || (above == 0 && e.base >= hi)))
		return;   /* nothing recorded in the range: no lock */
	pthread_mutex_lock(&lock);
	struct facts_span facts = FACTS_SPAN_NONE;
	if (table)
	{
		seqlock_write_begin(&seq);
		remove_overlapping(table, lo, hi, &facts);
		seqlock_write_end(&seq);
	}
	pthread_mutex_unlock(&lock);
	facts_span_invalidate(&facts);
}
