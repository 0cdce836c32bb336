/* inferred_index.c: typings the check runtime inferred for untyped heap memory. */
/*
 * Where no allocation site typed some heap memory (an untyped chunk, or the part of a chunk past
 * the head its site names), the check runtime records the type a cast found there, for the
 * object's extent: a typing [base, base + size) with a synthetic allocation site naming the type
 * (checks/README.md, "Inferred typings"). Typings never overlap: a new one replaces those it
 * overlaps. Typings of whole objects of one site that meet end to end are one array typing
 * (add_joined), of which a new typing replaces the overlapped objects only. They die with their
 * heap chunk (free and realloc call inferred_forget_range) and when a suballocator issues a chunk
 * over them. They are no allocations: only the check runtime asks.
 *
 * Programs that place objects at run-time offsets do so by the million (a compressor's model of
 * 12-byte units in a 100 MB block), re-typing as they reuse memory, so records and removals must
 * cost little at any count. Typings are kept per 4 KiB page, by the page of their base: an
 * open-addressed hash of pages, each with a small array sorted by base. A lookup searches the
 * page of its address, then earlier pages only as far back as the largest typing ever recorded
 * could reach. A record touches the pages its range covers. Pages of small objects hold hundreds
 * of typings (SQLite's), so each array has a directory of 64-byte segments: a lookup searches
 * only the typings based in its address's segment, in a cache line or two, not the whole array.
 *
 * Writers take a mutex; readers never block: they read under a sequence counter (seqlock.h) and
 * retry, then try the lock, and give up ("busy", never "none") when writers keep the index busy.
 * The check runtime's own writes (record, mark) only try the lock, so a check in a signal handler
 * that interrupted a free cannot deadlock. Memory comes from mmap only (this code runs inside free)
 * and is never unmapped: a reader may still be reading a replaced array or hash, which the
 * sequence check then rejects. Replaced arrays and hashes are reused by later writers.
 *
 * A typing spans at most INFERRED_MAX_EXTENT bytes, so a lookup walks back a bounded number of
 * pages; the bounds of all live typings let frees elsewhere skip the index without the lock.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include "heap_index.h"
#include "seqlock.h"

#define PAGE_SHIFT 12
#define SLAB_BYTES (1ul << 20)
#define INFERRED_MAX_EXTENT (64ul << 10)   /* liballocs_c.h */
/* The most bytes typings are joined into (add_joined): a page, so that joins keep lookups' walk back over earlier pages short (it
 * reaches as far back as the largest typing recorded). */
#define JOINED_MAX_EXTENT (4ul << 10)

struct typing
{
	uintptr_t base;
	unsigned long size;
	const struct __liballocs_allocsite *site;   /* with SITE_FACTS_FLAG */
};

#define SEGMENT_SHIFT 6
#define SEGMENTS (1u << (PAGE_SHIFT - SEGMENT_SHIFT))

/* The typings based in one page, sorted by base. Capacities are powers of two from MIN_CAP. */
struct page_list
{
	unsigned n, cap;
	struct page_list *next_free;
	/* first_at[k]: index of the first typing based at or above k << SEGMENT_SHIFT bytes into the page; first_at[SEGMENTS]
	 * is n. A page holds at most 4096 bases. */
	uint16_t first_at[SEGMENTS + 1];
	struct typing e[];
};

struct slot
{
	uintptr_t page;            /* page number + 1; 0: empty */
	struct page_list *list;    /* may hold no typings (n == 0) */
};

struct page_hash
{
	unsigned long cap;         /* slots, a power of two */
	unsigned long used;        /* slots taken */
	struct slot s[];
};

#define MIN_CAP 4u
#define CLASSES 24             /* capacities MIN_CAP << 0 ... MIN_CAP << 23: more than a page can hold */
#define INITIAL_SLOTS 1024ul

static struct page_hash *hash;
static struct page_list *free_lists[CLASSES];
static struct page_hash *free_hashes[64];   /* replaced hashes by log2 of their capacity */
static char *slab;                          /* where the next page list is carved from */
static unsigned long slab_left;
static uintptr_t lowest, highest;           /* every live typing lies in [lowest, highest) */
static unsigned long seq;                /* odd while a writer changes the index */
static unsigned long max_extent;         /* the largest typing ever recorded, in bytes */
static unsigned long live;               /* typings recorded now */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static inline uintptr_t page_of(uintptr_t a) { return a >> PAGE_SHIFT; }

static inline unsigned long slot_hash(uintptr_t page)
{
	return (unsigned long)((page * 0x9e3779b97f4a7c15ull) >> 20);
}

/* The slot of page in h, or null. Readers and writers. */
static const struct slot *find_slot(const struct page_hash *h, uintptr_t page)
{
	unsigned long mask = h->cap - 1;
	for (unsigned long i = slot_hash(page) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++)
	{
		uintptr_t p = __atomic_load_n(&h->s[i].page, __ATOMIC_RELAXED);
		if (p == page + 1)
			return &h->s[i];
		if (p == 0)
			return NULL;
	}
	return NULL;
}

/* Index of the first typing of l among [lo, hi) based above a (hi when none is). */
static unsigned upper_bound_between(const struct page_list *l, unsigned lo, unsigned hi, uintptr_t a)
{
	while (lo < hi)
	{
		unsigned mid = lo + (hi - lo) / 2;
		if (__atomic_load_n(&l->e[mid].base, __ATOMIC_RELAXED) <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first typing of l (first n) based above a. */
static unsigned upper_bound(const struct page_list *l, unsigned n, uintptr_t a)
{
	return upper_bound_between(l, 0, n, a);
}

/* Index of the first typing of l (first n) based above a, a in l's page: searched among the typings based in a's segment.
 * A torn directory (a writer under way) gives some index up to n; the caller's sequence check rejects it. */
static unsigned upper_bound_in_page(const struct page_list *l, unsigned n, uintptr_t a)
{
	unsigned k = (unsigned)((a >> SEGMENT_SHIFT) & (SEGMENTS - 1));
	unsigned lo = __atomic_load_n(&l->first_at[k], __ATOMIC_RELAXED);
	unsigned hi = __atomic_load_n(&l->first_at[k + 1], __ATOMIC_RELAXED);
	if (hi > n || lo > hi)
		return n;
	return upper_bound_between(l, lo, hi, a);
}

/* The typing containing a in h and based at or above floor: 1 and *out, or 0. Torn reads are possible; the caller
 * validates. */
static int search(const struct page_hash *h, uintptr_t a, uintptr_t floor, struct typing *out)
{
	if (a < __atomic_load_n(&lowest, __ATOMIC_RELAXED) || a >= __atomic_load_n(&highest, __ATOMIC_RELAXED))
		return 0;
	/* Pages without typings are walked back over, as far as the largest typing could reach (up to 16 pages): the floor (a
	 * check's heap chunk's base) usually stops the walk at once. */
	unsigned long reach = __atomic_load_n(&max_extent, __ATOMIC_RELAXED);
	uintptr_t from = a > reach ? a - reach : 0;
	uintptr_t first = page_of(a), last = page_of(from > floor ? from : floor);
	for (uintptr_t page = first;; page--)
	{
		const struct slot *s = find_slot(h, page);
		struct page_list *l = s ? __atomic_load_n(&s->list, __ATOMIC_RELAXED) : NULL;
		unsigned n = l ? __atomic_load_n(&l->n, __ATOMIC_RELAXED) : 0;
		if (l && n > __atomic_load_n(&l->cap, __ATOMIC_RELAXED))
			return 0;   /* torn */
		/* In earlier pages every typing is based below a. */
		unsigned i = n == 0 ? 0 : page == first ? upper_bound_in_page(l, n, a) : n;
		if (i > 0)
		{
			/* Typings are disjoint: one based below a that ends at or before a hides every earlier one. */
			out->base = __atomic_load_n(&l->e[i - 1].base, __ATOMIC_RELAXED);
			out->size = __atomic_load_n(&l->e[i - 1].size, __ATOMIC_RELAXED);
			out->site = __atomic_load_n(&l->e[i - 1].site, __ATOMIC_RELAXED);
			return a - out->base < out->size && out->base >= floor;
		}
		if (page == last || page == 0)
			return 0;
	}
}

/* Whether a typing of h overlaps [lo, hi): one containing lo, or one based in the range's pages (exact: based in [lo, hi);
 * else any typing in those pages, a cheaper answer that may say yes wrongly). Lock-free readers validate what it read. */
static int typings_in(const struct page_hash *h, uintptr_t lo, uintptr_t hi, int exact)
{
	struct typing t;
	if (search(h, lo, 0, &t))
		return 1;
	for (uintptr_t page = page_of(lo); page <= page_of(hi - 1); page++)
	{
		const struct slot *s = find_slot(h, page);
		struct page_list *l = s ? __atomic_load_n(&s->list, __ATOMIC_RELAXED) : NULL;
		unsigned n = l ? __atomic_load_n(&l->n, __ATOMIC_RELAXED) : 0;
		if (n == 0 || n > __atomic_load_n(&l->cap, __ATOMIC_RELAXED))
			continue;   /* empty, or torn */
		if (!exact)
			return 1;
		/* The last typing based at or below hi - 1: in range when based at or above lo. */
		unsigned k = upper_bound(l, n, hi - 1);
		if (k > 0 && __atomic_load_n(&l->e[k - 1].base, __ATOMIC_RELAXED) >= lo)
			return 1;
		if (page == UINTPTR_MAX >> PAGE_SHIFT)
			break;
	}
	return 0;
}

#define GAVE_UP (-2)

/* Lock-free lookup of the typing containing a and based at or above floor: 0 and *out, -1 when none, GAVE_UP when writers
 * kept the index busy (the lock too: trylock only). */
static int find(uintptr_t a, uintptr_t floor, struct typing *out)
{
	unsigned tries = 0;
	for (;;)
	{
		unsigned long s1 = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
		if (!(s1 & 1))
		{
			struct page_hash *h = __atomic_load_n(&hash, __ATOMIC_ACQUIRE);
			if (h == NULL)
				return -1;
			struct typing t = { 0, 0, NULL };
			int found = search(h, a, floor, &t);
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (__atomic_load_n(&seq, __ATOMIC_RELAXED) == s1)
			{
				if (!found)
					return -1;
				*out = t;
				return 0;
			}
		}
		if (!seqlock_backoff(&tries))
			break;
	}
	for (unsigned tries_locked = 0; tries_locked < 10000; tries_locked++)
	{
		if (pthread_mutex_trylock(&lock) == 0)
		{
			struct typing t = { 0, 0, NULL };
			int found = hash != NULL && search(hash, a, floor, &t);
			pthread_mutex_unlock(&lock);
			if (!found)
				return -1;
			*out = t;
			return 0;
		}
		sched_yield();
	}
	return GAVE_UP;
}

/* Takes the lock for a write the check runtime asks for: trylock, a bounded number of times. */
static int lock_for_check(void)
{
	for (unsigned tries = 0; tries < 10000; tries++)
	{
		if (pthread_mutex_trylock(&lock) == 0)
			return 1;
		sched_yield();
	}
	return 0;
}

static inline void store_typing(struct typing *dst, const struct typing *src)
{
	__atomic_store_n(&dst->base, src->base, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->size, src->size, __ATOMIC_RELAXED);
	__atomic_store_n(&dst->site, src->site, __ATOMIC_RELAXED);
}

/* ---- writers (under the lock, inside seqlock_write_begin/end) ---- */

static unsigned class_of(unsigned cap)
{
	unsigned c = 0;
	while ((MIN_CAP << c) < cap)
		c++;
	return c;
}

static struct page_list *list_get(unsigned cap)
{
	unsigned c = class_of(cap);
	if (c >= CLASSES)
		return NULL;
	struct page_list *l = free_lists[c];
	if (l)
	{
		free_lists[c] = l->next_free;
		__atomic_store_n(&l->n, 0, __ATOMIC_RELAXED);
		for (unsigned k = 0; k <= SEGMENTS; k++)
			__atomic_store_n(&l->first_at[k], 0, __ATOMIC_RELAXED);
		return l;
	}
	unsigned long bytes = sizeof(struct page_list) + (MIN_CAP << c) * sizeof(struct typing);
	if (bytes > SLAB_BYTES / 4)
		l = index_map_zeroed(bytes);
	else
	{
		/* Small lists are carved from slabs: one mmap per list would cost a page and a system call each. */
		if (slab_left < bytes)
		{
			slab = index_map_zeroed(SLAB_BYTES);
			slab_left = slab ? SLAB_BYTES : 0;
		}
		l = slab_left >= bytes ? (struct page_list *)slab : NULL;
		if (l)
		{
			slab += bytes;
			slab_left -= bytes;
		}
	}
	if (l)
		l->cap = MIN_CAP << c;
	return l;
}

static void list_put(struct page_list *l)
{
	unsigned c = class_of(l->cap);
	l->next_free = free_lists[c];
	free_lists[c] = l;
}

static struct slot *slot_for_writer(uintptr_t page)
{
	return hash ? (struct slot *)find_slot(hash, page) : NULL;
}

static unsigned log2_of(unsigned long cap)
{
	unsigned k = 0;
	while ((1ul << k) < cap)
		k++;
	return k;
}

/* A hash with room for one more page (the current one, or a copy without emptied pages, published);
 * null when no memory. */
static struct page_hash *room_for_page(void)
{
	struct page_hash *h = hash;
	if (h && 2 * (h->used + 1) <= h->cap)
		return h;
	unsigned long in_use = 0;
	for (unsigned long i = 0; h && i < h->cap; i++)
		in_use += h->s[i].page != 0 && h->s[i].list->n > 0;
	unsigned long cap = h ? h->cap : INITIAL_SLOTS;
	while (4 * (in_use + 1) > cap)
		cap *= 2;
	unsigned k = log2_of(cap);
	struct page_hash *grown = free_hashes[k];
	if (grown)
	{
		free_hashes[k] = NULL;
		for (unsigned long i = 0; i < cap; i++)
		{
			__atomic_store_n(&grown->s[i].page, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&grown->s[i].list, NULL, __ATOMIC_RELAXED);
		}
		grown->used = 0;
	}
	else
		grown = index_map_zeroed(sizeof(struct page_hash) + cap * sizeof(struct slot));
	if (grown == NULL)
		return NULL;
	grown->cap = cap;
	for (unsigned long i = 0; h && i < h->cap; i++)
	{
		if (h->s[i].page == 0)
			continue;
		if (h->s[i].list->n == 0)
		{
			list_put(h->s[i].list);
			continue;
		}
		unsigned long j = slot_hash(h->s[i].page - 1) & (cap - 1);
		while (grown->s[j].page != 0)
			j = (j + 1) & (cap - 1);
		__atomic_store_n(&grown->s[j].list, h->s[i].list, __ATOMIC_RELAXED);
		__atomic_store_n(&grown->s[j].page, h->s[i].page, __ATOMIC_RELAXED);
		grown->used++;
	}
	__atomic_store_n(&hash, grown, __ATOMIC_RELEASE);
	/* Readers may still be in the old hash (the sequence check rejects what they read there); a
	 * later rehash to its capacity reuses it. */
	if (h)
		free_hashes[log2_of(h->cap)] = h;
	return grown;
}

/* Index of the first typing of l based at or above a. */
static unsigned lower_bound(const struct page_list *l, uintptr_t a)
{
	unsigned lo = 0, hi = l->n;
	while (lo < hi)
	{
		unsigned mid = lo + (hi - lo) / 2;
		if (l->e[mid].base < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The directory of l after typings [i, j) were removed (writers). */
static void segments_removed(struct page_list *l, unsigned i, unsigned j)
{
	for (unsigned k = 0; k <= SEGMENTS; k++)
	{
		unsigned f = l->first_at[k];
		if (f > i)
			__atomic_store_n(&l->first_at[k], f >= j ? f - (j - i) : i, __ATOMIC_RELAXED);
	}
}

/* The directory of l after a typing based at page offset `offset` was inserted (writers). */
static void segments_inserted(struct page_list *l, unsigned long offset)
{
	for (unsigned k = (unsigned)(offset >> SEGMENT_SHIFT) + 1; k <= SEGMENTS; k++)
		__atomic_store_n(&l->first_at[k], l->first_at[k] + 1, __ATOMIC_RELAXED);
}

static int add(uintptr_t base, unsigned long size, const struct __liballocs_allocsite *site);
static int remove_based_in_range(uintptr_t lo, uintptr_t hi, struct typing *after);
static unsigned long array_element(const struct typing *t);

/* Sets *after to the whole objects of array typing t past hi, which a removal of what overlaps [.., hi) keeps (none: size 0). */
static void objects_after(const struct typing *t, uintptr_t hi, struct typing *after)
{
	unsigned long es;
	if (t->base + t->size <= hi || (es = array_element(t)) == 0)
		return;
	uintptr_t from = t->base + (hi - t->base + es - 1) / es * es;
	if (from < t->base + t->size)
		*after = (struct typing){ from, t->base + t->size - from, t->site };
}

#define REMOVED_FACTS 1   /* a removed typing carried facts */
#define REMOVED_ANY 2     /* some typing was removed */

/* Removes the typings of l whose base lies in [lo, hi); the objects past hi of the last, when it is an array typing, into *after
 * (unless after is null). Returns REMOVED_* bits. */
static int remove_based_in(struct page_list *l, uintptr_t lo, uintptr_t hi, struct typing *after)
{
	unsigned i = lower_bound(l, lo), j = i;
	while (j < l->n && l->e[j].base < hi)
		j++;
	int facts = j > i ? REMOVED_ANY : 0;
	if (after && j > i)
		objects_after(&l->e[j - 1], hi, after);
	for (unsigned k = i; k < j; k++)
		facts |= site_has_facts(l->e[k].site) ? REMOVED_FACTS : 0;
	if (j > i)
	{
		for (unsigned k = j; k < l->n; k++)
			store_typing(&l->e[i + (k - j)], &l->e[k]);
		segments_removed(l, i, j);
		__atomic_store_n(&l->n, l->n - (j - i), __ATOMIC_RELAXED);
		__atomic_store_n(&live, live - (j - i), __ATOMIC_RELAXED);
		if (live == 0)
			lowest = highest = 0;
	}
	return facts;
}

/* The size of one object of site's type, when typings of it may join into one array typing (add_joined); 0 when they may
 * not: no type, one of no known size, or one too big for two to join. */
static unsigned long element_size(const struct __liballocs_allocsite *site)
{
	const struct uniqtype *type = site ? site_without_flag(site)->type : NULL;
	return type && type->size != 0 && type->size != UNIQTYPE_SIZE_UNKNOWN && type->size <= JOINED_MAX_EXTENT / 2 ? type->size : 0;
}

/* The element size of t when it is an array typing (inferred_array_element); else 0. */
static unsigned long array_element(const struct typing *t)
{
	return inferred_array_element(site_without_flag(t->site), t->size);
}

/* Whether the typing (t_base, t_size, t_site: as the index holds it, with or without the facts mark) is [base, base + size) of
 * site, or an array typing of site holding that as one of its objects (the typing the object would have on its own, which checks
 * see: check_slow.c, typing_object). Readers and writers. */
static int typing_holds(uintptr_t t_base, unsigned long t_size, const struct __liballocs_allocsite *t_site, uintptr_t base,
	unsigned long size, const struct __liballocs_allocsite *site)
{
	if (site_without_flag(t_site) != site)
		return 0;
	if (t_base == base && t_size == size)
		return 1;
	unsigned long es = inferred_array_element(site, t_size);
	return es != 0 && es == size && base >= t_base && base - t_base < t_size && (base - t_base) % es == 0;
}

/* The entry of typing t (as search found it) in its page's list (writers). */
static struct typing *entry_of(const struct typing *t)
{
	struct page_list *l = slot_for_writer(page_of(t->base))->list;
	return &l->e[upper_bound(l, l->n, t->base) - 1];
}

/* Removes every typing overlapping [lo, hi). An array typing (add_joined) loses only the elements that overlap the range, as
 * the typings it was joined from would have: its whole elements before lo and after hi stay typed. Returns REMOVED_* bits. */
static int remove_overlapping(uintptr_t lo, uintptr_t hi)
{
	if (hash == NULL || live == 0 || hi <= lowest || lo >= highest)
		return 0;
	int facts = 0;
	/* The objects of an array typing past hi, added back once the range is clear: of the typing holding lo, or of the last one
	 * based in the range. */
	struct typing t, after = { 0, 0, NULL };
	int holds_lo = search(hash, lo, 0, &t);
	if (holds_lo)
		objects_after(&t, hi, &after);
	if (holds_lo && t.base < lo)
	{
		unsigned long es = array_element(&t);
		unsigned long before = es ? (lo - t.base) / es * es : 0;
		if (before)
		{
			/* Its elements before lo stay, in place (its base and so its place in the list do not change). */
			__atomic_store_n(&entry_of(&t)->size, before, __ATOMIC_RELAXED);
			facts |= REMOVED_ANY | (site_has_facts(t.site) ? REMOVED_FACTS : 0);
		}
		else
			facts |= remove_based_in(slot_for_writer(page_of(t.base))->list, t.base, t.base + 1, NULL);
	}
	facts |= remove_based_in_range(lo, hi, &after);
	/* No memory for the entry: those elements go untyped, as if freed (a later cast types them again). */
	if (after.size)
		(void)add(after.base, after.size, after.site);
	return facts;
}

/* Removes every typing based in [lo, hi) (the objects past hi of the last, when it is an array typing, into *after). Returns
 * REMOVED_* bits. */
static int remove_based_in_range(uintptr_t lo, uintptr_t hi, struct typing *after)
{
	int facts = 0;
	if (live == 0)
		return 0;
	if (lo < lowest)
		lo = lowest;
	if (hi > highest)
		hi = highest;
	uintptr_t first = page_of(lo), last = page_of(hi - 1);
	if (last - first >= hash->used)
	{
		/* Fewer pages hold typings than the range covers: visit those. */
		for (unsigned long i = 0; i < hash->cap && live > 0; i++)
		{
			uintptr_t page = hash->s[i].page;
			if (page != 0 && page - 1 >= first && page - 1 <= last && hash->s[i].list->n > 0)
				facts |= remove_based_in(hash->s[i].list, lo, hi, after);
		}
		return facts;
	}
	for (uintptr_t page = first; page <= last && live > 0; page++)
	{
		struct slot *s = slot_for_writer(page);
		if (s && s->list->n > 0)
			facts |= remove_based_in(s->list, lo, hi, after);
	}
	return facts;
}

/* Adds [base, base + size) at site to its page (the caller removed what it overlaps). 0, or -1 when
 * no memory. */
static int add(uintptr_t base, unsigned long size, const struct __liballocs_allocsite *site)
{
	uintptr_t page = page_of(base);
	struct slot *s = slot_for_writer(page);
	if (s == NULL)
	{
		struct page_hash *h = room_for_page();
		struct page_list *l = h ? list_get(MIN_CAP) : NULL;
		if (l == NULL)
			return -1;
		unsigned long j = slot_hash(page) & (h->cap - 1);
		while (h->s[j].page != 0)
			j = (j + 1) & (h->cap - 1);
		h->s[j].list = l;
		__atomic_store_n(&h->s[j].page, page + 1, __ATOMIC_RELEASE);
		h->used++;
		s = &h->s[j];
	}
	struct page_list *l = s->list;
	if (l->n == l->cap)
	{
		struct page_list *grown = list_get(2 * l->cap);
		if (grown == NULL)
			return -1;
		for (unsigned k = 0; k < l->n; k++)
			store_typing(&grown->e[k], &l->e[k]);
		memcpy(grown->first_at, l->first_at, sizeof grown->first_at);   /* nobody reads `grown` until it is published */
		__atomic_store_n(&grown->n, l->n, __ATOMIC_RELAXED);
		__atomic_store_n(&s->list, grown, __ATOMIC_RELEASE);
		list_put(l);
		l = grown;
	}
	unsigned i = upper_bound(l, l->n, base);
	for (unsigned k = l->n; k > i; k--)
		store_typing(&l->e[k], &l->e[k - 1]);
	struct typing t = { base, size, site };
	store_typing(&l->e[i], &t);
	segments_inserted(l, base & ((1ul << PAGE_SHIFT) - 1));
	__atomic_store_n(&l->n, l->n + 1, __ATOMIC_RELAXED);
	if (live == 0 || base < lowest)
		__atomic_store_n(&lowest, base, __ATOMIC_RELAXED);
	if (live == 0 || base + size > highest)
		__atomic_store_n(&highest, base + size, __ATOMIC_RELAXED);
	__atomic_store_n(&live, live + 1, __ATOMIC_RELAXED);
	if (size > max_extent)
		__atomic_store_n(&max_extent, size, __ATOMIC_RELAXED);
	return 0;
}

/* Adds [base, base + size) at site as add does, joined with the typings of the same site that end at base and begin at its
 * end when each is a whole number of objects of the site's type: one array typing, up to JOINED_MAX_EXTENT bytes. A page
 * cache's cell index or an array of records, typed one element at a time, is then one typing, which a lookup finds at once and
 * on which a reused pass caches one fact for every object. Checks see the object holding the address as its own typing
 * (check_slow.c, typing_object; ProcessMemory.FindInferred), so they answer as with separate typings, and remove_overlapping
 * removes objects, not whole arrays. A joined typing keeps the facts mark of either: their facts still hold (the same type at
 * the same addresses). Typings never join across heap chunks: a chunk's header or trailer lies between any two chunks'
 * objects. 0, or -1 when no memory; REMOVED_FACTS joins *removed when a neighbour that carried facts was taken out for a join
 * that then failed. */
static int add_joined(uintptr_t base, unsigned long size, const struct __liballocs_allocsite *site, int *removed)
{
	unsigned long es = element_size(site);
	struct typing left, right;
	uintptr_t end = base + size;
	if (es == 0 || size % es != 0 || live == 0)
		return add(base, size, site);
	/* The neighbours: in base's page, beside where the typing goes (no typing is based in [base, end) now); in the pages before
	 * and after only when base's page has none on that side. */
	const struct slot *s = slot_for_writer(page_of(base));
	const struct page_list *l = s ? s->list : NULL;
	unsigned i = l ? upper_bound(l, l->n, base) : 0, n = l ? l->n : 0;
	int has_left = i > 0 ? (left = l->e[i - 1], 1) : base > 0 && search(hash, base - 1, 0, &left);
	int has_right = i < n ? (right = l->e[i], 1) : page_of(end) != page_of(base) && search(hash, end, 0, &right);
	has_left = has_left && left.base + left.size == base && site_without_flag(left.site) == site && left.size % es == 0
		&& left.size + size <= JOINED_MAX_EXTENT;
	has_right = has_right && right.base == end && site_without_flag(right.site) == site && right.size % es == 0
		&& (has_left ? left.size : 0) + size + right.size <= JOINED_MAX_EXTENT;
	if (!has_left && !has_right)
		return add(base, size, site);
	uintptr_t facts = 0;
	if (has_right)
		facts = (remove_based_in(slot_for_writer(page_of(right.base))->list, right.base, right.base + 1, NULL) & REMOVED_FACTS)
			? SITE_FACTS_FLAG : 0;
	if (!has_left)
	{
		int rc = add(base, size + right.size, (const struct __liballocs_allocsite *)((uintptr_t)site | facts));
		if (rc != 0 && facts)
			*removed |= REMOVED_FACTS;   /* the neighbour is gone, and its facts must go with it */
		return rc;
	}
	struct typing *e = entry_of(&left);
	unsigned long joined = left.size + size + (has_right ? right.size : 0);
	if (facts)
		__atomic_store_n(&e->site, (const struct __liballocs_allocsite *)((uintptr_t)e->site | facts), __ATOMIC_RELAXED);
	__atomic_store_n(&e->size, joined, __ATOMIC_RELAXED);
	if (left.base + joined > highest)
		__atomic_store_n(&highest, left.base + joined, __ATOMIC_RELAXED);
	if (joined > max_extent)
		__atomic_store_n(&max_extent, joined, __ATOMIC_RELAXED);
	return 0;
}

/* fork() while another thread holds the lock would leave the child's lock held forever. */
static void inferred_prefork(void) { pthread_mutex_lock(&lock); }
static void inferred_postfork(void) { pthread_mutex_unlock(&lock); }

static void inferred_index_init_body(void)
{
	pthread_atfork(inferred_prefork, inferred_postfork, inferred_postfork);
}
LIBALLOCS_CONSTRUCTOR(inferred_index_init, inferred_index_init_body)

/* Invalidates the facts about [lo, hi) and about every typing overlapping it (each spans at most INFERRED_MAX_EXTENT). */
static void facts_invalidate_around(uintptr_t lo, uintptr_t hi)
{
	uintptr_t from = lo > INFERRED_MAX_EXTENT ? lo - INFERRED_MAX_EXTENT : 0;
	uintptr_t to = hi > UINTPTR_MAX - INFERRED_MAX_EXTENT ? UINTPTR_MAX : hi + INFERRED_MAX_EXTENT;
	check_facts_invalidate_range((const void *)from, to - from);
}

/* ---- entry points (shim_api.h, version 6) ---- */

int inferred_lookup_from(const void *p, const void *floor, struct __liballocs_suballoc_chunk *out, int *has_facts)
{
	struct typing t;
	if (p == NULL || __atomic_load_n(&live, __ATOMIC_RELAXED) == 0)
		return -1;
	int rc = find((uintptr_t)p, (uintptr_t)floor, &t);
	if (rc != 0)
		return rc;
	if (out)
	{
		out->base = (void *)t.base;
		out->size = t.size;
		out->site = site_without_flag(t.site);
		out->arena = NULL;
		out->free_caller = NULL;
	}
	if (has_facts)
		*has_facts = site_has_facts(t.site);
	return 0;
}

LIBALLOCS_EXPORT int __liballocs_inferred_lookup(const void *p, struct __liballocs_suballoc_chunk *out)
{
	return inferred_lookup_from(p, NULL, out, NULL);
}

LIBALLOCS_EXPORT int __liballocs_inferred_record(void *p, unsigned long size, const struct __liballocs_allocsite *site)
{
	uintptr_t base = (uintptr_t)p, end;
	if (p == NULL || size == 0 || size > INFERRED_MAX_EXTENT || __builtin_add_overflow(base, size, &end) || !lock_for_check())
		return -1;
	seqlock_write_begin(&seq);
	/* Ordered against __liballocs_suballoc_alloc, which indexes its chunk and then calls
	 * inferred_forget_range: either we see its chunk here, or its forget sees our typing. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	int refused = suballoc_overlaps(p, size);
	int removed = refused ? 0 : remove_overlapping(base, end);
	int rc = refused || add_joined(base, size, site_without_flag(site), &removed) != 0 ? -1 : (removed & REMOVED_ANY) ? 1 : 0;
	seqlock_write_end(&seq);
	pthread_mutex_unlock(&lock);
	/* A cached fact about the memory holding it (its heap chunk's head array) would answer for the
	 * typing's addresses as if it were not there. */
	if ((removed & REMOVED_FACTS) || (rc >= 0 && heap_index_holder_may_have_facts(p)))
		facts_invalidate_around(base, end);
	return rc;
}

/* Marks the typing [base, base + size) of site (or the array typing holding it as one of its objects: typing_holds) without the
 * lock: 0 when it did (or the mark was there), -1 when it could not tell (no such typing, one based in an earlier page, or a
 * writer changed the index meanwhile). The mark is one compare-and-swap on the entry found; a
 * writer moving or removing entries meanwhile changes the sequence, and the mark then proves nothing (a stray mark on another
 * typing only expires facts sooner). Every writer that reads the typings' flags (record, forget) fences after making the
 * sequence odd, so either it sees this mark or this sees its odd sequence. */
int inferred_mark_facts_lockfree(const void *p, unsigned long size, const struct __liballocs_allocsite *site)
{
	uintptr_t base = (uintptr_t)p;
	if (p == NULL)
		return -1;
	unsigned long s1 = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
	struct page_hash *h = __atomic_load_n(&hash, __ATOMIC_ACQUIRE);
	if ((s1 & 1) || h == NULL)
		return -1;
	const struct slot *sl = find_slot(h, page_of(base));
	struct page_list *l = sl ? __atomic_load_n(&sl->list, __ATOMIC_RELAXED) : NULL;
	unsigned n = l ? __atomic_load_n(&l->n, __ATOMIC_RELAXED) : 0;
	if (n == 0 || n > __atomic_load_n(&l->cap, __ATOMIC_RELAXED))
		return -1;
	unsigned i = upper_bound_in_page(l, n, base);
	if (i == 0)
		return -1;
	struct typing *e = &l->e[i - 1];
	const struct __liballocs_allocsite *old = __atomic_load_n(&e->site, __ATOMIC_RELAXED);
	if (!typing_holds(__atomic_load_n(&e->base, __ATOMIC_RELAXED), __atomic_load_n(&e->size, __ATOMIC_RELAXED), old, base, size,
			site))
		return -1;
	if (!site_has_facts(old) && !__atomic_compare_exchange_n(&e->site, &old,
			(const struct __liballocs_allocsite *)((uintptr_t)old | SITE_FACTS_FLAG), 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return -1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return __atomic_load_n(&seq, __ATOMIC_RELAXED) == s1 ? 0 : -1;
}

LIBALLOCS_EXPORT int __liballocs_inferred_mark_facts(const void *p, unsigned long size, const struct __liballocs_allocsite *site)
{
	uintptr_t base = (uintptr_t)p;
	if (inferred_mark_facts_lockfree(p, size, site) == 0)
		return 0;
	struct typing t;
	if (p == NULL || find(base, 0, &t) != 0 || !typing_holds(t.base, t.size, t.site, base, size, site))
		return -1;
	if (site_has_facts(t.site))
		return 0;
	if (!lock_for_check())
		return -1;
	int rc = -1;
	struct slot *s = slot_for_writer(page_of(t.base));
	if (s)
	{
		struct page_list *l = s->list;
		unsigned i = upper_bound(l, l->n, t.base);
		/* Still a typing holding what the caller checked against (one atomic word: readers see the site with or without the
		 * mark). */
		if (i > 0 && typing_holds(l->e[i - 1].base, l->e[i - 1].size, l->e[i - 1].site, base, size, site))
		{
			__atomic_store_n(&l->e[i - 1].site,
				(const struct __liballocs_allocsite *)((uintptr_t)l->e[i - 1].site | SITE_FACTS_FLAG), __ATOMIC_RELAXED);
			rc = 0;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

/* typings_in over [lo, hi) clamped to [low, high), where every typing lies: the range walks fewer pages and meets the same
 * typings. */
static int typings_in_bounds(const struct page_hash *h, uintptr_t lo, uintptr_t hi, int exact, uintptr_t low, uintptr_t high)
{
	return h != NULL && hi > low && lo < high && typings_in(h, lo < low ? low : lo, hi > high ? high : hi, exact);
}

/* Whether a typing overlaps [lo, hi) (exact; else may wrongly say yes), read without the lock: 0 or 1, GAVE_UP when
 * writers kept the index busy. */
static int overlaps_read(uintptr_t lo, uintptr_t hi, int exact)
{
	unsigned tries = 0;
	for (;;)
	{
		unsigned long s1 = __atomic_load_n(&seq, __ATOMIC_ACQUIRE);
		if (!(s1 & 1))
		{
			struct page_hash *h = __atomic_load_n(&hash, __ATOMIC_ACQUIRE);
			int any = typings_in_bounds(h, lo, hi, exact, __atomic_load_n(&lowest, __ATOMIC_RELAXED),
				__atomic_load_n(&highest, __ATOMIC_RELAXED));
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (__atomic_load_n(&seq, __ATOMIC_RELAXED) == s1)
				return any;
		}
		if (!seqlock_backoff(&tries))
			return GAVE_UP;
	}
}

LIBALLOCS_EXPORT int __liballocs_inferred_overlaps(const void *p, unsigned long size)
{
	uintptr_t lo = (uintptr_t)p, hi;
	if (__atomic_load_n(&live, __ATOMIC_RELAXED) == 0 || size == 0)
		return 0;
	if (__builtin_add_overflow(lo, size, &hi))
		hi = UINTPTR_MAX;
	int any = overlaps_read(lo, hi, 1);
	if (any != GAVE_UP)
		return any;
	if (!lock_for_check())
		return GAVE_UP;
	any = typings_in_bounds(hash, lo, hi, 1, lowest, highest);
	pthread_mutex_unlock(&lock);
	return any;
}

/* Whether a typing may overlap [lo, hi), read without the lock: 0 only when none does. */
static int may_overlap(uintptr_t lo, uintptr_t hi)
{
	if (hi <= __atomic_load_n(&lowest, __ATOMIC_RELAXED) || lo >= __atomic_load_n(&highest, __ATOMIC_RELAXED))
		return 0;   /* the bounds only shrink when the last typing goes */
	if (page_of(hi - 1) - page_of(lo) > 16)
		return 1;   /* a big range: let the writer look */
	return overlaps_read(lo, hi, 0) != 0;   /* busy: let the writer look */
}

void inferred_forget_range(const void *p, unsigned long size, int ordered)
{
	int recording = 0;
	if (ordered)
	{
		/* Pairs with the fence in __liballocs_inferred_record: either that record saw the suballocated
		 * chunk our caller indexed, or we see it under way (an odd sequence) or done (live, bounds). */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		recording = __atomic_load_n(&seq, __ATOMIC_ACQUIRE) & 1;
	}
	if (__builtin_expect(!recording && (__atomic_load_n(&live, __ATOMIC_ACQUIRE) == 0 || size == 0), 1))
		return;
	uintptr_t lo = (uintptr_t)p, hi;
	if (__builtin_add_overflow(lo, size, &hi))
		hi = UINTPTR_MAX;
	if (!recording && !may_overlap(lo, hi))
		return;   /* nothing recorded there: no lock */
	pthread_mutex_lock(&lock);
	seqlock_write_begin(&seq);
	/* Pairs with the fence in mark_facts_lockfree: either its mark lands before we read the typings' flags, or it sees the
	 * odd sequence and does not count. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	int removed = remove_overlapping(lo, hi);
	seqlock_write_end(&seq);
	pthread_mutex_unlock(&lock);
	if (removed & REMOVED_FACTS)
		facts_invalidate_around(lo, hi);
}
