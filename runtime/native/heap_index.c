/* heap_index.c: which heap chunks are live and where each begins (bitmap of bases + big-chunk table). */
/*
 * Small chunks (requested size < LIBALLOCS_BIG_THRESHOLD, not mmapped) are indexed by one bit per
 * 16-byte granule marking chunk bases; a chunk's size and site come from its trailer. Setting and
 * clearing a bit is one atomic RMW, so malloc and free stay lock-free. The bitmap is two-level:
 * a static array of leaf pointers indexed by addr >> 30 over the 47-bit user address space, and
 * leaves of 8 MiB (one bit per granule of 1 GiB) mapped lazily with MAP_NORESERVE, so only the
 * pages of bits that are ever touched cost memory.
 *
 * Big chunks, and mmapped chunks of any size, live in a sorted table instead: they are rare, and
 * keeping them out of the bitmap bounds the backward scan of a lookup and keeps lookups from
 * reading chunks whose memory free() returns to the kernel at once. Writers take a mutex;
 * readers use a sequence counter and never block.
 *
 * Memory ordering: malloc writes the trailer, then sets the bit with release; lookups load bits
 * with acquire before reading a trailer, and re-check the bit afterwards (a free may have raced).
 * free clears the bit before the chunk goes back to glibc.
 *
 * Known limit: a lookup that races with free() of the very chunk it is reading can read memory
 * that glibc returns to the kernel in that window (trimming the top of the main heap), which
 * faults. Only a program already racing a free against a use of the same chunk, or a lookup of
 * an interior pointer whose nearest lower base belongs to a chunk freed at that instant, sees it.
 * With the quarantine, a check on a stale pointer reads a quarantined chunk, and the chunk can
 * leave the quarantine (another thread's free pushing it out) during that read: the same window,
 * now open to any use-after-free in a multithreaded program whose heap top is then trimmed.
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

#define LEAF_GRANULES (1ul << (LEAF_SHIFT - GRANULE_SHIFT))
#define LEAF_WORDS (LEAF_GRANULES / 64)
#define LEAF_BYTES (LEAF_WORDS * sizeof(uint64_t))
#define BIG LIBALLOCS_BIG_THRESHOLD
/* Largest glibc chunk a small (bitmap) chunk can occupy: request + trailer + glibc's rounding
 * and an unsplittable remainder (< MINSIZE). Anything bigger is a torn read. */
#define SMALL_CHUNK_MAX (2 * BIG)

/* ---- bitmap of chunk bases (its geometry and lookups: heap_index.h) ---- */

uint64_t *heap_bitmap_leaves[NLEAVES];

/* The leaf covering a, mapping it if need be; null when the kernel refuses memory. */
static uint64_t *leaf_create(uintptr_t a)
{
	uint64_t **slot = &heap_bitmap_leaves[a >> LEAF_SHIFT];
	uint64_t *leaf = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (leaf)
		return leaf;
	int saved_errno = errno;   /* malloc must not change errno on success */
	void *fresh = mmap(NULL, LEAF_BYTES, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (fresh == MAP_FAILED)
	{
		errno = saved_errno;
		return NULL;
	}
	uint64_t *expected = NULL;
	if (!__atomic_compare_exchange_n(slot, &expected, (uint64_t *)fresh, 0,
			__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
	{
		/* Another thread installed the leaf first; use theirs. */
		munmap(fresh, LEAF_BYTES);
		leaf = expected;
	}
	else
		leaf = fresh;
	errno = saved_errno;
	return leaf;
}

/* The trailer of the small chunk based at b, going by its glibc header; null when the header is no small chunk's (a torn
 * read: the chunk was freed, and its memory maybe reused, meanwhile). */
static inline struct chunk_trailer *small_chunk_trailer(uintptr_t b)
{
	unsigned long header = chunk_header((const void *)b);
	unsigned long usable = chunk_usable(header);
	if (chunk_is_mmapped(header) || usable < TRAILER_SIZE || usable > SMALL_CHUNK_MAX)
		return NULL;
	return chunk_trailer((void *)b, usable);
}

/* Whether the trailer of the chunk at b is no longer t, or its size word no longer `size`: a writer (free, then malloc at the
 * same base, maybe of another size) was at work while we read, and a mix of old and new words is no overflow. Cold: only a
 * trailer that failed its check value asks. */
static __attribute__((noinline, cold)) int trailer_changed(uintptr_t b, const struct chunk_trailer *t, unsigned long size)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return small_chunk_trailer(b) != t || __atomic_load_n(&t->requested_size, __ATOMIC_RELAXED) != size;
}

/* Reads the small chunk based at b, whose base bit (`bit` in `*word`) was seen set. Returns 0
 * and fills *c when the bit is still set after the read, the trailer is plausible and the chunk
 * is live (or, with want_freed, quarantined); -2 (without want_freed) when the trailer was overwritten
 * (*c: the base, the usable bytes before the trailer as size, no site, the caller as read); else -1. */
static inline __attribute__((always_inline)) int read_small_chunk(uintptr_t b, uint64_t *word, uint64_t bit,
	struct __liballocs_heap_chunk *c, int want_freed, unsigned long *flags)
{
	int reread = 0;
again:;
	struct chunk_trailer *t = small_chunk_trailer(b);
	if (t == NULL)
		return -1;
	unsigned long size = __atomic_load_n(&t->requested_size, __ATOMIC_RELAXED);
	const struct __liballocs_allocsite *site = __atomic_load_n(&t->site, __ATOMIC_RELAXED);
	const void *alloc_caller = __atomic_load_n(&t->alloc_caller, __ATOMIC_RELAXED);
	/* Written just after the mark: read a moment early, it reads as overwritten (or, by chance, as a free's record left there
	 * by an earlier chunk at this address). */
	const void *free_caller = (size & CHUNK_FREED) ? chunk_free_caller((const void *)b) : NULL;
	/* Seqlock-style validation: if the chunk was freed while we read, the bit is gone. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!(__atomic_load_n(word, __ATOMIC_RELAXED) & bit))
		return -1;
	if (!chunk_trailer_intact(t, size))
	{
		if (!reread && trailer_changed(b, t, size))
		{
			reread = 1;
			goto again;
		}
		/* The program overflowed the chunk into its trailer: only its place is known (the caller may have survived). */
		if (want_freed)
			return -1;
		*flags = 0;
		c->base = (void *)b;
		c->size = (uintptr_t)t - b;
		c->site = NULL;
		c->alloc_caller = alloc_caller;
		c->free_caller = NULL;
		return -2;
	}
	int freed = (size & CHUNK_FREED) != 0;
	*flags = (size & CHUNK_FLAGS) | (uintptr_t)site_has_facts(site);
	size &= CHUNK_SIZE_MASK;
	if (freed != (want_freed != 0) || size >= BIG || size > (uintptr_t)t - b)   /* t - b: usable bytes before the trailer */
		return -1;
	c->base = (void *)b;
	c->size = size;
	c->site = site_without_flag(site);
	c->alloc_caller = alloc_caller;
	c->free_caller = freed ? free_caller : NULL;
	return 0;
}

/* The bitmap chunk containing a (live, or with want_freed quarantined), scanning back at most BIG
 * bytes for the nearest base; *flags its trailer's CHUNK_FLAGS, and bit 0 set when its site carries SITE_FACTS_FLAG.
 * 0, -1 when none, -2 when the chunk's trailer was overwritten (read_small_chunk). */
static int bitmap_lookup(uintptr_t a, struct __liballocs_heap_chunk *out, int want_freed, unsigned long *flags)
{
	/* A small chunk holding a starts at most BIG - 1 bytes below it. */
	uintptr_t lowest = a >= BIG - 1 ? a - (BIG - 1) : 0;
	uintptr_t g = a >> GRANULE_SHIFT;          /* granule being examined */
	uintptr_t g_low = lowest >> GRANULE_SHIFT;
	for (;;)
	{
		uintptr_t addr = g << GRANULE_SHIFT;
		uint64_t *leaf = leaf_of(addr);
		if (leaf)
		{
			uint64_t *word = word_of(leaf, addr);
			uint64_t bits = __atomic_load_n(word, __ATOMIC_ACQUIRE);
			bits &= ~0ull >> (63 - (g & 63));   /* bases at or below granule g */
			if (bits)
			{
				uintptr_t base_g = (g & ~63ul) + (63 - (uintptr_t)__builtin_clzll(bits));
				if (base_g < g_low)
					return -1;
				uintptr_t b = base_g << GRANULE_SHIFT;
				struct __liballocs_heap_chunk c;
				int read = read_small_chunk(b, word, 1ull << (base_g & 63), &c, want_freed, flags);
				if (read == -1)
					return -1;
				/* Chunks are disjoint, so only the nearest base can contain a. */
				if (a != b && a - b >= c.size)
					return -1;
				*out = c;
				return read;
			}
			g &= ~63ul;   /* continue below this word */
		}
		else
			g &= ~(LEAF_GRANULES - 1);   /* no leaf: nothing in this GiB below g */
		if (g <= g_low || g == 0)
			return -1;
		g--;
	}
}

/* The lowest base in [from, to) (both < VA_LIMIT), or 0 when there is none. */
static uintptr_t bitmap_next_base(uintptr_t from, uintptr_t to)
{
	uintptr_t g = (from + 15) >> GRANULE_SHIFT;
	uintptr_t g_end = (to + 15) >> GRANULE_SHIFT;
	while (g < g_end)
	{
		uintptr_t addr = g << GRANULE_SHIFT;
		uint64_t *leaf = leaf_of(addr);
		if (!leaf)
		{
			g = (g | (LEAF_GRANULES - 1)) + 1;   /* skip to the next GiB */
			continue;
		}
		uint64_t bits = __atomic_load_n(word_of(leaf, addr), __ATOMIC_ACQUIRE);
		bits &= ~0ull << (g & 63);   /* bases at or above granule g */
		if (bits)
		{
			uintptr_t base_g = (g & ~63ul) + (uintptr_t)__builtin_ctzll(bits);
			return base_g < g_end ? base_g << GRANULE_SHIFT : 0;
		}
		g = (g | 63) + 1;
	}
	return 0;
}

/* ---- big-chunk table ---- */

struct big_entry
{
	uintptr_t base;
	unsigned long size;
	const struct __liballocs_allocsite *site;
	const void *caller;
};

struct big_table
{
	unsigned long n;      /* entries in use, sorted by base */
	unsigned long cap;    /* entries that fit */
	struct big_entry e[];
};

/* Readers may still be reading a table the writer has replaced, so replaced tables are never
 * unmapped; each is half the size of its successor, so they cost less than the live one. */
static struct big_table *big_table;
static unsigned long big_seq;   /* odd while a writer is changing the table */
static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;

#define BIG_INITIAL_CAP 1024ul

static inline unsigned long big_load(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Index of the first entry with base > a (upper bound), reading entries atomically. */
static unsigned long big_upper_bound(const struct big_table *t, unsigned long n, uintptr_t a)
{
	unsigned long lo = 0, hi = n;
	while (lo < hi)
	{
		unsigned long mid = lo + (hi - lo) / 2;
		if (big_load(&t->e[mid].base) <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

enum big_match { BIG_EXACT, BIG_CONTAINS, BIG_AT_OR_ABOVE };

/* The entry of t's first n that a search for a needs; 0 when there is none. */
static int big_search(const struct big_table *t, unsigned long n, uintptr_t a, enum big_match how, struct big_entry *e)
{
	unsigned long i = big_upper_bound(t, n, a);
	if (how == BIG_AT_OR_ABOVE)
	{
		if (i > 0 && big_load(&t->e[i - 1].base) == a)
			i--;
		if (i >= n)
			return 0;
	}
	else if (i > 0)
		i--;
	else
		return 0;
	e->base = big_load(&t->e[i].base);
	e->size = big_load(&t->e[i].size);
	e->site = __atomic_load_n(&t->e[i].site, __ATOMIC_RELAXED);
	e->caller = __atomic_load_n(&t->e[i].caller, __ATOMIC_RELAXED);
	return 1;
}

/* Whether the entry found for a answers the search (-1 when it does not), and *out then. */
static int big_matched(uintptr_t a, enum big_match how, int found, const struct big_entry *e, struct __liballocs_heap_chunk *out)
{
	if (!table_entry_answers(found, how == BIG_EXACT, how == BIG_CONTAINS, a, e->base, e->size))
		return -1;
	out->base = (void *)e->base;
	out->size = e->size;
	out->site = site_without_flag(e->site);
	out->alloc_caller = e->caller;
	out->free_caller = NULL;
	return 0;
}

/* Lock-free search of the big table. BIG_EXACT: the entry based at a; BIG_CONTAINS: the entry
 * containing a; BIG_AT_OR_ABOVE: the lowest entry based at or above a. Returns 0 and fills *out,
 * -1 when there is no such entry, or BIG_GAVE_UP when writers kept the table busy too long. */
#define BIG_GAVE_UP (-2)

/* A reader the writers kept out of the lock-free path reads under their lock, taken only when free
 * (trylock: a lookup from a signal handler that interrupted a writer cannot deadlock). */
static int big_find_locked(uintptr_t a, enum big_match how, struct __liballocs_heap_chunk *out)
{
	for (unsigned tries = 0; tries < 10000; tries++)
	{
		if (pthread_mutex_trylock(&big_lock) == 0)
		{
			struct big_entry e = { 0, 0, NULL, NULL };
			int found = big_table != NULL && big_search(big_table, big_table->n, a, how, &e);
			pthread_mutex_unlock(&big_lock);
			return big_matched(a, how, found, &e, out);
		}
		sched_yield();
	}
	return BIG_GAVE_UP;
}

static int big_find(uintptr_t a, enum big_match how, struct __liballocs_heap_chunk *out)
{
	unsigned tries = 0;
	for (;;)
	{
		unsigned long s1 = __atomic_load_n(&big_seq, __ATOMIC_ACQUIRE);
		if (s1 & 1)
		{
			if (!seqlock_backoff(&tries))
				return big_find_locked(a, how, out);
			continue;
		}
		struct big_table *t = __atomic_load_n(&big_table, __ATOMIC_ACQUIRE);
		if (t == NULL)
			return -1;
		unsigned long n = big_load(&t->n);
		if (n > t->cap)
			n = t->cap;   /* torn; the sequence check below rejects it */
		struct big_entry e = { 0, 0, NULL, NULL };
		int found = big_search(t, n, a, how, &e);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&big_seq, __ATOMIC_RELAXED) != s1)
		{
			if (!seqlock_backoff(&tries))
				return big_find_locked(a, how, out);
			continue;
		}
		return big_matched(a, how, found, &e, out);
	}
}

/* Writer side of the sequence counter; call with big_lock held. */
static void big_store(struct big_entry *dst, const struct big_entry *src)
{
	__atomic_store_n(&dst->base, src->base, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->size, src->size, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->site, src->site, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->caller, src->caller, __ATOMIC_RELAXED);
}

/* Adds (or replaces) the entry for base. Returns -1 when no memory for the table. */
static int big_insert(uintptr_t base, unsigned long size, const struct __liballocs_allocsite *site, const void *caller)
{
	const struct big_entry entry = { base, size, site, caller };
	pthread_mutex_lock(&big_lock);
	struct big_table *t = big_table;
	struct big_table *grown = NULL;
	if (t == NULL || t->n == t->cap)
	{
		unsigned long cap = t ? 2 * t->cap : BIG_INITIAL_CAP;
		int saved_errno = errno;
		void *m = mmap(NULL, sizeof(struct big_table) + cap * sizeof(struct big_entry),
			PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		errno = saved_errno;
		if (m == MAP_FAILED)
		{
			pthread_mutex_unlock(&big_lock);
			return -1;
		}
		grown = m;
		grown->cap = cap;
		grown->n = t ? t->n : 0;
		if (t)   /* nobody reads `grown` until it is published */
			memcpy(grown->e, t->e, t->n * sizeof(struct big_entry));
	}
	seqlock_write_begin(&big_seq);
	if (grown)
	{
		__atomic_store_n(&big_table, grown, __ATOMIC_RELEASE);
		t = grown;
	}
	unsigned long n = t->n;
	unsigned long i = big_upper_bound(t, n, base);
	if (i > 0 && t->e[i - 1].base == base)
		big_store(&t->e[i - 1], &entry);   /* stale entry for a reused address */
	else
	{
		for (unsigned long j = n; j > i; j--)
			big_store(&t->e[j], &t->e[j - 1]);
		big_store(&t->e[i], &entry);
		__atomic_store_n(&t->n, n + 1, __ATOMIC_RELAXED);
	}
	seqlock_write_end(&big_seq);
	pthread_mutex_unlock(&big_lock);
	return 0;
}

/* Removes the entry based at base; 1 and *old (if non-null) when there was one, else 0. */
static int big_remove(uintptr_t base, struct __liballocs_heap_chunk *old)
{
	struct __liballocs_heap_chunk c;
	/* Most frees of unindexed pointers end here without the lock. Only the chunk's owner adds
	 * or removes its entry, so a miss now is a miss under the lock too (but a search that gave
	 * up proves nothing: a stale entry would report freed memory as live). */
	if (big_find(base, BIG_EXACT, &c) == -1)
		return 0;
	pthread_mutex_lock(&big_lock);
	struct big_table *t = big_table;
	unsigned long n = t->n;
	unsigned long i = big_upper_bound(t, n, base);
	int found = i > 0 && t->e[i - 1].base == base;
	if (found)
	{
		i--;
		if (old)
		{
			old->base = (void *)t->e[i].base;
			old->size = t->e[i].size;
			old->site = t->e[i].site;
			old->alloc_caller = t->e[i].caller;
			old->free_caller = NULL;
		}
		seqlock_write_begin(&big_seq);
		for (unsigned long j = i; j + 1 < n; j++)
			big_store(&t->e[j], &t->e[j + 1]);
		__atomic_store_n(&t->n, n - 1, __ATOMIC_RELAXED);
		seqlock_write_end(&big_seq);
	}
	pthread_mutex_unlock(&big_lock);
	return found;
}

/* Updates the site of the entry based at base, keeping its SITE_FACTS_FLAG, or (mark_facts)
 * sets that flag and keeps the site; 0 when there is an entry, else -1. */
static int big_update_site_if(uintptr_t base, const struct __liballocs_allocsite *site, int mark_facts,
	int compare, const struct __liballocs_allocsite *expected);

static int big_update_site(uintptr_t base, const struct __liballocs_allocsite *site, int mark_facts)
{
	return big_update_site_if(base, site, mark_facts, 0, NULL);
}

/* As big_update_site; with `compare`, only when the entry's site (without its flag) is `expected`: 0 when updated, else -1. */
static int big_update_site_if(uintptr_t base, const struct __liballocs_allocsite *site, int mark_facts,
	int compare, const struct __liballocs_allocsite *expected)
{
	struct __liballocs_heap_chunk c;
	if (big_find(base, BIG_EXACT, &c) == -1)
		return -1;   /* not a big chunk: no lock for wrappers passing other pointers */
	pthread_mutex_lock(&big_lock);
	struct big_table *t = big_table;
	int rc = -1;
	if (t)
	{
		unsigned long i = big_upper_bound(t, t->n, base);
		if (i > 0 && t->e[i - 1].base == base)
		{
			uintptr_t old = (uintptr_t)t->e[i - 1].site;
			rc = 0;
			if (compare && site_without_flag((const struct __liballocs_allocsite *)old) != expected)
				rc = -1;
			else if (mark_facts || site_replaces(site_without_flag((const struct __liballocs_allocsite *)old), site))
			{
				uintptr_t updated = mark_facts ? (old | SITE_FACTS_FLAG) : ((uintptr_t)site | (old & SITE_FACTS_FLAG));
				seqlock_write_begin(&big_seq);
				__atomic_store_n(&t->e[i - 1].site, (const struct __liballocs_allocsite *)updated, __ATOMIC_RELAXED);
				seqlock_write_end(&big_seq);
				if (!mark_facts)
					check_facts_retyped(old, site, (const void *)base, t->e[i - 1].size);
			}
		}
	}
	pthread_mutex_unlock(&big_lock);
	return rc;
}

/* fork() in one thread while another holds big_lock would leave the child's lock held forever;
 * hold it across fork so the table is consistent on both sides. */
static void big_prefork(void) { pthread_mutex_lock(&big_lock); }
static void big_postfork(void) { pthread_mutex_unlock(&big_lock); }

static void heap_index_init_body(void)
{
	pthread_atfork(big_prefork, big_postfork, big_postfork);
}
LIBALLOCS_CONSTRUCTOR(heap_index_init, heap_index_init_body)

/* ---- which site pointers are real ---- */

/* Site pointers asked about, direct-mapped by address, each as last found: the site itself when real, the site | 1 when
 * not. A real entry never goes stale (registered TUs are never removed, trusted sites never freed); the entries saying "not
 * real" are dropped whenever a TU registers (allocsite_registry_grew), whose sites they may name. */
#define KNOWN_SITES_LOG2 12
static uintptr_t known_sites[1u << KNOWN_SITES_LOG2];
/* Sites given by callers that lie in no registered TU's table (the runtime's lazy typings; a TU not yet registered): an
 * open-addressed set, never shrunk; once full, further ones are not known (their chunks are left to the runtime, and a
 * realloc or wrapper at an untyped site may then replace their type). */
#define TRUSTED_SITES 4096u
static const struct __liballocs_allocsite *trusted_sites[TRUSTED_SITES];
static int trusted_sites_full;
/* Whether a "not real" answer was ever cached: until then a TU's registration (at start-up, one per instrumented file) has
 * nothing to drop. */
static int known_sites_negative;

static inline uintptr_t *known_site_slot(const struct __liballocs_allocsite *s)
{
	return &known_sites[((uintptr_t)s * 0x9e3779b97f4a7c15ull) >> (64 - KNOWN_SITES_LOG2)];
}

static inline unsigned trusted_site_hash(const struct __liballocs_allocsite *s)
{
	return (unsigned)(((uintptr_t)s * 0x9e3779b97f4a7c15ull) >> 40) & (TRUSTED_SITES - 1);
}

static __attribute__((noinline)) int allocsite_trusted_slow(const struct __liballocs_allocsite *s, uintptr_t *slot)
{
	uintptr_t at = (uintptr_t)s;
	const struct __liballocs_tu_meta *head = __liballocs_tu_list();
	int real = 0;
	for (const struct __liballocs_tu_meta *tu = head; tu != NULL && !real; tu = tu->next)
	{
		uintptr_t from = (uintptr_t)tu->sites;
		real = tu->sites != NULL && at >= from && (at - from) / sizeof *s < tu->nsites && (at - from) % sizeof *s == 0;
	}
	for (unsigned i = 0, h = trusted_site_hash(s); !real && i < TRUSTED_SITES; i++)
	{
		const struct __liballocs_allocsite *t = __atomic_load_n(&trusted_sites[(h + i) & (TRUSTED_SITES - 1)], __ATOMIC_ACQUIRE);
		if (t == NULL)
			break;
		real = t == s;
	}
	if (real)
		__atomic_store_n(slot, at, __ATOMIC_RELAXED);
	else
	{
		/* A TU registered since the list was read may hold s, and may have dropped the negative entries before this one
		 * was stored: then the list's head has changed, and the entry goes (sequentially consistent with the registry's
		 * publication and its drop). */
		if (!__atomic_load_n(&known_sites_negative, __ATOMIC_RELAXED))
			__atomic_store_n(&known_sites_negative, 1, __ATOMIC_SEQ_CST);
		__atomic_store_n(slot, at | 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (__liballocs_tu_list() != head)
			__atomic_store_n(slot, 0, __ATOMIC_SEQ_CST);
	}
	return real;
}

int allocsite_trusted(const struct __liballocs_allocsite *s)
{
	if (s == NULL || ((uintptr_t)s & (_Alignof(struct __liballocs_allocsite) - 1)))
		return 0;   /* no site lies there (and bit 0 marks what is not real) */
	uintptr_t *slot = known_site_slot(s);
	uintptr_t known = __atomic_load_n(slot, __ATOMIC_RELAXED);
	if (known == (uintptr_t)s)
		return 1;
	return known == ((uintptr_t)s | 1) ? 0 : allocsite_trusted_slow(s, slot);
}

void allocsite_trust(const struct __liballocs_allocsite *s)
{
	if (s == NULL || allocsite_trusted(s) || ((uintptr_t)s & (_Alignof(struct __liballocs_allocsite) - 1))
		|| __atomic_load_n(&trusted_sites_full, __ATOMIC_RELAXED))
		return;
	for (unsigned i = 0, h = trusted_site_hash(s); i < TRUSTED_SITES; i++)
	{
		const struct __liballocs_allocsite **at = &trusted_sites[(h + i) & (TRUSTED_SITES - 1)];
		const struct __liballocs_allocsite *expected = __atomic_load_n(at, __ATOMIC_ACQUIRE);
		if (expected == NULL && __atomic_compare_exchange_n(at, &expected, s, 0, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
			expected = s;
		if (expected == s)
		{
			__atomic_store_n(known_site_slot(s), (uintptr_t)s, __ATOMIC_RELAXED);
			return;
		}
	}
	__atomic_store_n(&trusted_sites_full, 1, __ATOMIC_RELAXED);
}

void allocsite_registry_grew(void)
{
	/* A reader that stores a negative answer after this load sees the new head afterwards and drops it itself. */
	if (!__atomic_load_n(&known_sites_negative, __ATOMIC_SEQ_CST))
		return;
	for (unsigned i = 0; i < (1u << KNOWN_SITES_LOG2); i++)
		if (__atomic_load_n(&known_sites[i], __ATOMIC_SEQ_CST) & 1)
			__atomic_store_n(&known_sites[i], 0, __ATOMIC_SEQ_CST);
}

/* ---- the index as the interposers and the runtime see it ---- */

void heap_index_insert(void *base, unsigned long size, const struct __liballocs_allocsite *site, const void *caller, int mmapped)
{
	uintptr_t a = (uintptr_t)base;
	if (__builtin_expect(size < BIG && !mmapped && a < VA_LIMIT && (a & 15) == 0, 1))
	{
		uint64_t *leaf = leaf_of(a);
		if (__builtin_expect(leaf == NULL, 0))
			leaf = leaf_create(a);
		if (leaf)
		{
			__atomic_fetch_or(word_of(leaf, a), bit_of(a), __ATOMIC_RELEASE);
			return;
		}
	}
	/* Big, mmapped, or the bitmap has no memory: the table takes it (a lookup that misses the
	 * bitmap always consults the table). */
	big_insert(a, size, site, caller);
}

int heap_index_remove(void *base, struct __liballocs_heap_chunk *old)
{
	uintptr_t a = (uintptr_t)base;
	if (__builtin_expect(a < VA_LIMIT && (a & 15) == 0, 1))
	{
		uint64_t *leaf = leaf_of(a);
		if (leaf)
		{
			uint64_t bit = bit_of(a);
			/* Sequentially consistent, as the site's read below: heap_index_mark_facts_live orders its mark against both. */
			if (__atomic_fetch_and(word_of(leaf, a), ~bit, __ATOMIC_SEQ_CST) & bit)
			{
				/* Lookups validate a trailer read by re-reading this bit; glibc's stores into
				 * the chunk once it is freed must not become visible before the clear (a
				 * compiler barrier on x86, a real one on weak-memory machines). */
				__atomic_thread_fence(__ATOMIC_RELEASE);
				if (old)
				{
					/* The caller still owns the chunk, so its trailer is stable. */
					struct chunk_trailer *t = chunk_trailer(base, chunk_usable(chunk_header(base)));
					unsigned long size = t->requested_size & CHUNK_SIZE_MASK;
					old->base = base;
					/* Never past the trailer (free and realloc keep chunks whose size word fails its check, and the
					 * quarantine, which evicts through here, takes none). */
					old->size = size < (uintptr_t)t - a ? size : (uintptr_t)t - a;
					old->site = __atomic_load_n(&t->site, __ATOMIC_SEQ_CST);
					old->alloc_caller = t->alloc_caller;
					old->free_caller = (t->requested_size & CHUNK_FREED) ? chunk_free_caller(base) : NULL;
				}
				return 1;
			}
		}
	}
	return big_remove(a, old);
}

LIBALLOCS_EXPORT int __liballocs_heap_lookup(const void *p, struct __liballocs_heap_chunk *out)
{
	uintptr_t a = (uintptr_t)p;
	struct __liballocs_heap_chunk c;
	if (a >= VA_LIMIT || a == 0)
		return -1;   /* kernel and non-canonical addresses are never indexed */
	/* Both searches fill *out only when they find the chunk (filled directly: a copy through c would
	 * load what was just stored in other widths, which stalls store forwarding on every lookup).
	 * A big-table search that gave up (writers busy for milliseconds) answers "unknown". */
	unsigned long flags;
	if (out == NULL)
		out = &c;
	int small = bitmap_lookup(a, out, 0, &flags);
	if (small != -1)
		return small;
	return big_find(a, BIG_CONTAINS, out) != 0 ? -1 : 0;
}

/* The LOOKUP_* bits of a small chunk whose read gave `flags`. */
static inline unsigned small_marks(unsigned long flags)
{
	return LOOKUP_SMALL | ((flags & CHUNK_HOLDS_SUBALLOC) ? LOOKUP_HOLDS_SUBALLOC : 0u) | ((flags & 1) ? LOOKUP_HAS_FACTS : 0u);
}

int heap_index_lookup_for_check(const void *p, struct __liballocs_heap_chunk *out, unsigned *marks)
{
	uintptr_t a = (uintptr_t)p;
	unsigned long flags;
	if (a >= VA_LIMIT || a == 0)
		return -1;
	if (bitmap_lookup(a, out, 0, &flags) == 0)
	{
		*marks = small_marks(flags);
		return 0;
	}
	*marks = LOOKUP_HOLDS_SUBALLOC;   /* big chunks carry no mark */
	return big_find(a, BIG_CONTAINS, out) != 0 ? -1 : 0;
}

int heap_index_base_for_check(const void *p, struct __liballocs_heap_chunk *out, unsigned *marks)
{
	uintptr_t a = (uintptr_t)p;
	unsigned long flags;
	if (a == 0 || !heap_index_bit_set(a) || read_small_chunk(a, word_of(leaf_of(a), a), bit_of(a), out, 0, &flags) != 0)
		return -1;
	*marks = small_marks(flags);
	return 0;
}

/* Sets CHUNK_HOLDS_SUBALLOC in the trailer of the live small chunk holding a, if any. */
static void mark_holds_suballoc(uintptr_t a)
{
	struct __liballocs_heap_chunk c;
	unsigned long flags;
	if (a == 0 || a >= VA_LIMIT || bitmap_lookup(a, &c, 0, &flags) != 0 || (flags & CHUNK_HOLDS_SUBALLOC))
		return;
	struct chunk_trailer *t = chunk_trailer(c.base, chunk_usable(chunk_header(c.base)));
	/* An OR keeps CHUNK_FREED should a free race with the record (the chunk's suballocated chunks then die with it).
	 * Sequentially consistent: heap_index_mark_facts_live orders its mark against it. */
	__atomic_fetch_or(&t->requested_size, CHUNK_HOLDS_SUBALLOC, __ATOMIC_SEQ_CST);
}

void heap_index_mark_holds_suballoc(const void *p, unsigned long size)
{
	uintptr_t a = (uintptr_t)p;
	mark_holds_suballoc(a);
	if (size > 1 && a + size - 1 > a)
		mark_holds_suballoc(a + size - 1);
}

LIBALLOCS_EXPORT int __liballocs_heap_lookup_freed(const void *p, struct __liballocs_heap_chunk *out)
{
	uintptr_t a = (uintptr_t)p;
	struct __liballocs_heap_chunk c;
	unsigned long flags;
	if (a >= VA_LIMIT || a == 0 || bitmap_lookup(a, &c, 1, &flags) != 0)
		return -1;
	if (out)
		*out = c;
	return 0;
}

LIBALLOCS_EXPORT int __liballocs_heap_walk(const void *begin, const void *end,
	int (*cb)(const struct __liballocs_heap_chunk *chunk, void *arg), void *arg)
{
	uintptr_t cursor = (uintptr_t)begin;
	uintptr_t limit = (uintptr_t)end < VA_LIMIT ? (uintptr_t)end : VA_LIMIT;
	while (cursor < limit)
	{
		struct __liballocs_heap_chunk c, big;
		int have_big = big_find(cursor, BIG_AT_OR_ABOVE, &big) == 0 && (uintptr_t)big.base < limit;
		/* Only bitmap bases below the next big chunk can come first. */
		uintptr_t small = bitmap_next_base(cursor, have_big ? (uintptr_t)big.base : limit);
		if (small)
		{
			uint64_t *leaf = leaf_of(small);
			unsigned long flags;
			if (read_small_chunk(small, word_of(leaf, small), bit_of(small), &c, 0, &flags) != 0)
			{
				cursor = small + 16;   /* freed under us: skip it */
				continue;
			}
		}
		else if (have_big)
			c = big;
		else
			break;
		/* Chunks are disjoint: the next base is at or after this chunk's end. */
		uintptr_t b = (uintptr_t)c.base;
		uintptr_t next = b + (c.size ? c.size : 1);
		cursor = next > b ? next : limit;
		int rc = cb(&c, arg);
		if (rc)
			return rc;
	}
	return 0;
}

LIBALLOCS_EXPORT void *__liballocs_heap_set_site(void *p, const struct __liballocs_allocsite *site)
{
	allocsite_trust(site);
	/* A wrapper that keeps a header returns p that far into its chunk (null stays out of range);
	 * the call inside the wrapper returns the chunk's base. */
	uintptr_t a = (uintptr_t)p - (site && !(site->flags & LIBALLOCS_ALLOCSITE_F_INNER) ? site->header : 0);
	if (a == 0 || a >= VA_LIMIT || (a & 15) != 0)
		return p;
	struct chunk_trailer *t;
	unsigned long size_word;
	int state = heap_index_small_state((void *)a, &t, &size_word);
	if (state >= 2)
		return p;   /* freed: its site is what it was allocated as; or its trailer overwritten */
	if (state == 1)
	{
		/* A set bit at an aligned address means a is the base of a small chunk. */
		uintptr_t old = (uintptr_t)__atomic_load_n(&t->site, __ATOMIC_RELAXED);
		/* A compare-and-swap, so that a facts mark another thread's check sets meanwhile is kept. */
		do
		{
			if (!site_replaces(site_without_flag((const struct __liballocs_allocsite *)old), site))
				return p;
		} while (!__atomic_compare_exchange_n((uintptr_t *)&t->site, &old, (uintptr_t)site | (old & SITE_FACTS_FLAG), 0,
			__ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
		check_facts_retyped(old, site, (const void *)a, (uintptr_t)t - a);
		return p;
	}
	/* Big chunks keep their site in the table only: their trailer is never read. */
	big_update_site(a, site, 0);
	return p;
}

int heap_index_set_site_if(void *p, const struct __liballocs_allocsite *expected, const struct __liballocs_allocsite *site)
{
	allocsite_trust(site);
	uintptr_t a = (uintptr_t)p - (site && !(site->flags & LIBALLOCS_ALLOCSITE_F_INNER) ? site->header : 0);
	if (a == 0 || a >= VA_LIMIT || (a & 15) != 0)
		return 0;
	struct chunk_trailer *t;
	unsigned long size_word;
	int state = heap_index_small_state((void *)a, &t, &size_word);
	if (state >= 2)
		return 0;
	if (state == 1)
	{
		uintptr_t old = (uintptr_t)__atomic_load_n(&t->site, __ATOMIC_RELAXED);
		if (site_without_flag((const struct __liballocs_allocsite *)old) != expected)
			return 0;
		uintptr_t updated = (uintptr_t)site | (old & SITE_FACTS_FLAG);
		if (!__atomic_compare_exchange_n((uintptr_t *)&t->site, &old, updated, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return 0;
		check_facts_retyped(old, site, (const void *)a, (uintptr_t)t - a);
		return 1;
	}
	return big_update_site_if(a, site, 0, 1, expected) == 0;
}

int heap_index_holder_may_have_facts(const void *p)
{
	struct __liballocs_heap_chunk c;
	if (__liballocs_heap_lookup(p, &c) != 0)
		return 1;
	uintptr_t b = (uintptr_t)c.base;
	uint64_t *leaf = leaf_of(b);
	if (leaf == NULL || !(__atomic_load_n(word_of(leaf, b), __ATOMIC_ACQUIRE) & bit_of(b)))
	{
		/* A big chunk: its flag is in the table, read under the lock when it is free (a caller in a
		 * signal handler that interrupted a writer assumes the worst rather than wait). */
		int facts = 1;
		if (pthread_mutex_trylock(&big_lock) == 0)
		{
			struct big_entry e = { 0, 0, NULL, NULL };
			if (big_table != NULL && big_search(big_table, big_table->n, b, BIG_EXACT, &e) && e.base == b)
				facts = site_has_facts(e.site);
			pthread_mutex_unlock(&big_lock);
		}
		return facts;
	}
	struct chunk_trailer *t = chunk_trailer(c.base, chunk_usable(chunk_header(c.base)));
	/* Sequentially consistent, as heap_index_mark_facts_live's mark: a carve sees the mark, or the mark sees the carve. */
	return site_has_facts(__atomic_load_n(&t->site, __ATOMIC_SEQ_CST));
}

int heap_index_mark_facts_live(const void *p, const struct __liballocs_allocsite *site, unsigned long size)
{
	uintptr_t a = (uintptr_t)p;
	if (a == 0 || a >= VA_LIMIT || (a & 15) != 0)
		return 0;
	uint64_t *leaf = leaf_of(a);
	if (leaf == NULL)
		return 0;
	uint64_t *word = word_of(leaf, a), bit = bit_of(a);
	if (!(__atomic_load_n(word, __ATOMIC_ACQUIRE) & bit))
		return 0;
	struct chunk_trailer *t = small_chunk_trailer(a);
	if (t == NULL)
		return 0;
	/* Marked already (every reuse after the first): a load, not a locked RMW, orders the same way, the flag being set before. */
	uintptr_t old = __atomic_load_n((uintptr_t *)&t->site, __ATOMIC_SEQ_CST);
	if (!(old & SITE_FACTS_FLAG))
		old = __atomic_fetch_or((uintptr_t *)&t->site, SITE_FACTS_FLAG, __ATOMIC_SEQ_CST);
	/* A free orders its own steps the same way (clear the bit, or mark the trailer freed, then read the site), and so does a
	 * carve (mark the chunk as holding suballocated chunks, then read the site): either it sees the mark, or the mark sees it.
	 * The site and size the check was keyed by must still be the chunk's: else another chunk took the address, or the chunk
	 * was re-typed, meanwhile. */
	return site_without_flag((const struct __liballocs_allocsite *)old) == site
		&& (__atomic_load_n(word, __ATOMIC_SEQ_CST) & bit)
		&& (__atomic_load_n(&t->requested_size, __ATOMIC_SEQ_CST) & ~CHUNK_CHECK_MASK) == size;
}

LIBALLOCS_EXPORT void __liballocs_heap_mark_facts(const void *p)
{
	uintptr_t a = (uintptr_t)p;
	if (a == 0 || a >= VA_LIMIT || (a & 15) != 0)
		return;
	struct chunk_trailer *t;
	unsigned long size_word;
	int state = heap_index_small_state(p, &t, &size_word);
	if (state == 1)
	{
		__atomic_fetch_or((uintptr_t *)&t->site, SITE_FACTS_FLAG, __ATOMIC_RELAXED);
	}
	if (state != 0)
		return;
	big_update_site(a, NULL, 1);
}
