/* heap_index.h: internal interface between the malloc interposers and the heap index, and the
 * layout of the per-chunk trailer both of them read. Not installed; nothing here is exported.
 */
#ifndef LIBALLOCS_HEAP_INDEX_H
#define LIBALLOCS_HEAP_INDEX_H

#include <stdint.h>
#include "liballocs_c.h"

#define LIBALLOCS_HIDDEN __attribute__((visibility("hidden")))

/* The metadata each chunk carries in its last 24 usable bytes (liballocs calls this the
 * "insert"; we put it at the end so the pointer malloc returns is glibc's own, keeping
 * alignment and free() untouched). Every allocation asks glibc for TRAILER_SIZE extra bytes. */
struct chunk_trailer
{
	unsigned long requested_size;               /* bytes the program asked for; CHUNK_FREED set
	                                               while the chunk waits in the quarantine,
	                                               CHUNK_HOLDS_SUBALLOC once a suballocated
	                                               chunk was recorded in it */
	const struct __liballocs_allocsite *site;   /* null until an instrumented site claims it */
	const void *alloc_caller;                   /* return address of the malloc-family call */
};
#define TRAILER_SIZE 24ul
/* The return address of the free that put a chunk into the quarantine lives in the chunk's first word, not in its trailer:
 * the program gave those bytes up (glibc writes its free-list pointers there), and a trailer of three words keeps a 16-byte
 * object in a 48-byte chunk, not a 64-byte one. Every request is padded to hold it (a malloc(0) too). A program that keeps
 * writing into the freed chunk (p->next = NULL) may write over it, so the word carries a check value of the chunk's address
 * and the caller in its top 16 bits (user-space code lies below 2^48): a word that fails it reads as
 * LIBALLOCS_FREE_CALLER_OVERWRITTEN, never as a caller, nor as "not freed". Read it only while the chunk is marked
 * CHUNK_FREED, and write it only after marking (the winner of two racing frees). */
#define FREE_CALLER_BYTES sizeof(void *)
#define FREE_CALLER_MASK ((1ul << 48) - 1)

static inline unsigned long free_caller_check(const void *p, uintptr_t caller)
{
	return (((uint64_t)(uintptr_t)p ^ ((uint64_t)caller << 16)) * 0x9e3779b97f4a7c15ull) >> 48 << 48;
}

/* Writes the free caller of the quarantined chunk at p. */
static inline void chunk_set_free_caller(void *p, const void *caller)
{
	uintptr_t c = (uintptr_t)caller;
	/* A caller above 2^48 (5-level paging) cannot be kept: it reads as overwritten, never as a cut-down address. */
	__atomic_store_n((unsigned long *)p, c > FREE_CALLER_MASK ? 0 : c | free_caller_check(p, c), __ATOMIC_RELAXED);
}

/* The free caller of the quarantined chunk at p: LIBALLOCS_FREE_CALLER_OVERWRITTEN when the program wrote over it. */
static inline const void *chunk_free_caller(const void *p)
{
	unsigned long word = __atomic_load_n((const unsigned long *)p, __ATOMIC_RELAXED);
	uintptr_t c = word & FREE_CALLER_MASK;
	return c != 0 && (word & ~FREE_CALLER_MASK) == free_caller_check(p, c) ? (const void *)c : LIBALLOCS_FREE_CALLER_OVERWRITTEN;
}
#define CHUNK_FREED (1ul << 63)
/* Set (never cleared while the chunk lives) in the live small chunks holding the first and the
 * last byte of a suballocated chunk before it is recorded: a chunk without it holds none (a pool
 * carves out of one block), so a check there need not search the suballocation index, whose
 * regions filter says "maybe" all over a heap that holds suballocated chunks. Known limit: a
 * program that frees a block while carving from it in another thread may have the mark land in
 * memory glibc got back. */
#define CHUNK_HOLDS_SUBALLOC (1ul << 62)
#define CHUNK_FLAGS (CHUNK_FREED | CHUNK_HOLDS_SUBALLOC)
/* Bits 48 to 61 of requested_size hold a check value of the trailer's own address and the size, written by malloc. A program that overflows its chunk writes over the trailer first (it follows the bytes asked for);
 * a reader that finds the value wrong trusts nothing the trailer says. User-space sizes need at most 47 bits. */
#define CHUNK_CHECK_SHIFT 48
#define CHUNK_SIZE_MASK ((1ul << CHUNK_CHECK_SHIFT) - 1)
#define CHUNK_CHECK_MASK (((1ul << 14) - 1) << CHUNK_CHECK_SHIFT)

/* Bit 0 of a stored site pointer (sites are aligned) marks a chunk some cached check fact was
 * derived from: freeing or reallocating it must bump __liballocs_free_generation. Lookups hand
 * out the site without it; heap_index_remove hands it out with it. */
#define SITE_FACTS_FLAG 1ul
static inline const struct __liballocs_allocsite *site_without_flag(const struct __liballocs_allocsite *s)
{
	return (const struct __liballocs_allocsite *)((uintptr_t)s & ~SITE_FACTS_FLAG);
}
static inline int site_has_facts(const struct __liballocs_allocsite *s)
{
	return ((uintptr_t)s & SITE_FACTS_FLAG) != 0;
}

/* The size of the objects of an inferred typing of `size` bytes at site (without its SITE_FACTS_FLAG) when it is an array
 * typing (inferred_index.c, add_joined): more than one whole object of the site's type; 0 for any other typing. The one rule
 * by which the index trims such a typing and checks narrow it to one object (ProcessMemory.ObjectOf repeats it in C#). */
static inline unsigned long inferred_array_element(const struct __liballocs_allocsite *site, unsigned long size)
{
	const struct uniqtype *type = site ? site->type : NULL;
	unsigned long es = type ? type->size : 0;
	return es != 0 && es != UNIQTYPE_SIZE_UNKNOWN && size > es && size % es == 0 ? es : 0;
}
_Static_assert(sizeof(struct chunk_trailer) == TRAILER_SIZE, "trailer layout");

static inline unsigned long chunk_check_value(const struct chunk_trailer *t, unsigned long size)
{
	/* One multiply (malloc pays for it): the top bits of the product depend on every bit of its operand. The size is
	 * rotated away from the low bits of the address, which are alike in every chunk. */
	uint64_t x = (uint64_t)(uintptr_t)t ^ (size << 40 | size >> 24);
	return (unsigned long)((x * 0x9e3779b97f4a7c15ull) >> 50) << CHUNK_CHECK_SHIFT;
}

/* requested_size as malloc writes it in trailer t of a chunk of `size` bytes. */
static inline unsigned long chunk_size_word(const struct chunk_trailer *t, unsigned long size)
{
	return (size & CHUNK_SIZE_MASK) | chunk_check_value(t, size & CHUNK_SIZE_MASK);
}

/* Whether trailer t's size word, as read, is what malloc wrote there (flags aside). The word alone: free reads no more of
 * the trailer than it did before (its other words may lie on another cache line). */
static inline int chunk_trailer_intact(const struct chunk_trailer *t, unsigned long size_word)
{
	return (size_word & CHUNK_CHECK_MASK) == chunk_check_value(t, size_word & CHUNK_SIZE_MASK);
}

/* The quarantine (quarantine.c): freed small chunks wait there, still indexed but marked
 * CHUNK_FREED, before glibc gets them back, so checks on stale pointers meet freed memory rather
 * than a new chunk or glibc's free lists. quarantine_accepts says whether a chunk of `usable`
 * bytes goes there (off, or too big a share of it: no); quarantine_put then takes the chunk at p,
 * whose trailer the caller has marked freed, and gives the oldest ones back to glibc. */
LIBALLOCS_HIDDEN int quarantine_accepts(unsigned long usable);
LIBALLOCS_HIDDEN void quarantine_put(void *p, unsigned long usable);

/* glibc's chunk header: the word just below the pointer malloc returned holds the chunk size
 * with three flag bits. This, and glibc's musable() below, are the only glibc-internal facts
 * the heap index relies on (malloc/malloc.c, unchanged for years; checked against glibc 2.36's
 * own malloc_usable_size by tests/heap_libc_internal.c). Memory tagging (aarch64 MTE) would
 * change musable() and is not supported. */
#define GLIBC_SIZE_FLAGS 0x7ul
#define GLIBC_IS_MMAPPED 0x2ul
#define GLIBC_MIN_CHUNK 32ul

/* The size word of the chunk whose user pointer is p (read atomically: concurrent lookups may
 * race with glibc rewriting it when the chunk is freed). */
static inline unsigned long chunk_header(const void *p)
{
	return __atomic_load_n((const unsigned long *)p - 1, __ATOMIC_RELAXED);
}

/* Usable bytes of a live chunk given its size word, as glibc's musable() computes them: an
 * mmapped chunk loses its two header words; a heap chunk loses one but may use the next chunk's
 * prev_size word. 0 for a size word no live chunk has. */
static inline unsigned long chunk_usable(unsigned long header)
{
	unsigned long size = header & ~GLIBC_SIZE_FLAGS;
	if (size < GLIBC_MIN_CHUNK)
		return 0;
	return size - ((header & GLIBC_IS_MMAPPED) ? 16ul : 8ul);
}

static inline int chunk_is_mmapped(unsigned long header)
{
	return (header & GLIBC_IS_MMAPPED) != 0;
}

/* The trailer of the chunk at p whose usable size is `usable` (>= TRAILER_SIZE). */
static inline struct chunk_trailer *chunk_trailer(void *p, unsigned long usable)
{
	return (struct chunk_trailer *)((char *)p + usable - TRAILER_SIZE);
}

/* Whether s, a site pointer read from a chunk's trailer (which the program may have overwritten), is a real allocation site,
 * safe to read through: one in a registered TU's site table (as the runtime's AllocationSites.Validated asks), or one given
 * to allocsite_trust. Cheap when asked again for the same site. */
LIBALLOCS_HIDDEN int allocsite_trusted(const struct __liballocs_allocsite *s);

/* Records s (non-null), a site given by a caller of the heap index (instrumented code, the runtime's lazy typings), never one
 * read from a trailer, as real. */
LIBALLOCS_HIDDEN void allocsite_trust(const struct __liballocs_allocsite *s);

/* Forgets which site pointers were found not real: a TU was just registered (tu_registry.c), whose sites they may be. */
LIBALLOCS_HIDDEN void allocsite_registry_grew(void);

/* Whether a site set on a chunk replaces the one it has: a site without a type never replaces
 * one with a type of the same header, so realloc (or a wrapper of it) at a site whose size names
 * no type keeps the chunk's type and the site it came from. A site placing the object elsewhere
 * (a wrapper's header) describes the layer the program sees, so it replaces the wrapper's own
 * malloc call, typed as its bookkeeping. An old site that is no real site (its trailer overwritten) is replaced. */
static inline int site_replaces(const struct __liballocs_allocsite *old, const struct __liballocs_allocsite *site)
{
	return old == NULL || site == NULL || !allocsite_trusted(old) || old->type == NULL || site->type != NULL || site->header != old->header;
}

/* Free generations per region of the address space, for the second level of the fact cache (check_slow.c): a point (a fact
 * about one address) is valid while the generation of its address's region is the one it was confirmed in. The inline cache's
 * facts span ranges and keep the one global generation, which every invalidation bumps too; points, which outnumber them by
 * far, then survive the frees elsewhere (a program that frees a chunk with facts every few thousand checks). Regions are
 * 64 KiB, aliased modulo FACT_REGIONS. */
#define FACT_REGION_SHIFT 16
#define FACT_REGIONS 4096u
LIBALLOCS_HIDDEN extern unsigned long fact_region_generation[FACT_REGIONS];

static inline unsigned long *fact_region_of(uintptr_t a)
{
	return &fact_region_generation[(a >> FACT_REGION_SHIFT) & (FACT_REGIONS - 1)];
}

/* Invalidates the cached check facts about [p, p + size) (a chunk one was derived from is going away, or is retyped), and
 * every range fact of the inline cache (the global generation). Points elsewhere stay valid. */
static inline void check_facts_invalidate_range(const void *p, unsigned long size)
{
	uintptr_t first = (uintptr_t)p >> FACT_REGION_SHIFT, last = first;
	if (size > 1 && !__builtin_add_overflow((uintptr_t)p, size - 1, &last))
		last >>= FACT_REGION_SHIFT;
	else if (size > 1)
		last = UINTPTR_MAX >> FACT_REGION_SHIFT;
	if (last - first >= FACT_REGIONS - 1)
		first = 0, last = FACT_REGIONS - 1;   /* every region */
	for (uintptr_t r = first; r <= last; r++)
		__atomic_fetch_add(&fact_region_generation[r & (FACT_REGIONS - 1)], 1, __ATOMIC_RELEASE);
	__atomic_fetch_add(&__liballocs_free_generation, 1, __ATOMIC_RELEASE);
}

/* The memory whose facts must go, grown by each removed chunk that carried facts ([lo, hi); empty when lo >= hi). */
struct facts_span
{
	uintptr_t lo, hi;
};
#define FACTS_SPAN_NONE { UINTPTR_MAX, 0 }

static inline void facts_span_add(struct facts_span *s, uintptr_t base, unsigned long size)
{
	uintptr_t end;
	if (__builtin_add_overflow(base, size ? size : 1, &end))
		end = UINTPTR_MAX;
	if (base < s->lo)
		s->lo = base;
	if (end > s->hi)
		s->hi = end;
}

static inline void facts_span_invalidate(const struct facts_span *s)
{
	if (s->lo < s->hi)
		check_facts_invalidate_range((const void *)s->lo, s->hi - s->lo);
}

/* The chunk [p, p + size), whose site (old, with its SITE_FACTS_FLAG) was replaced by another: facts derived from its old
 * type (an element stride, a member's place) may no longer hold, so they are dropped. */
static inline void check_facts_retyped(uintptr_t old, const struct __liballocs_allocsite *site, const void *p, unsigned long size)
{
	if ((old & SITE_FACTS_FLAG) && site_without_flag((const struct __liballocs_allocsite *)old) != site_without_flag(site))
		check_facts_invalidate_range(p, size);
}

/* As __liballocs_heap_set_site, but only when the chunk's site (without its flag) is still `expected`, atomically: 1 when
 * it set the site, 0 when the chunk is typed otherwise now (another thread typed it, or it was freed). */
LIBALLOCS_HIDDEN int heap_index_set_site_if(void *p, const struct __liballocs_allocsite *expected,
	const struct __liballocs_allocsite *site);

/* Whether cached check facts may cover p's holder: true unless p lies in a small heap chunk
 * without SITE_FACTS_FLAG (memory outside the heap may be static, whose facts never expire). */
LIBALLOCS_HIDDEN int heap_index_holder_may_have_facts(const void *p);

/* What heap_index_lookup_for_check says of the chunk it found besides its fields: */
#define LOOKUP_SMALL 1u              /* a small (bitmap) chunk: the two bits below apply */
#define LOOKUP_HOLDS_SUBALLOC 2u     /* marked CHUNK_HOLDS_SUBALLOC (a big chunk may hold suballocated chunks too) */
#define LOOKUP_HAS_FACTS 4u          /* its site carries SITE_FACTS_FLAG */

/* As __liballocs_heap_lookup, and *marks the LOOKUP_* bits of the chunk found. */
LIBALLOCS_HIDDEN int heap_index_lookup_for_check(const void *p, struct __liballocs_heap_chunk *out, unsigned *marks);

/* The bitmap of small chunk bases: one bit per 16-byte granule of the user address space, in leaves of 1 GiB mapped on
 * first use (heap_index.c). */
#define GRANULE_SHIFT 4
#define LEAF_SHIFT 30
#define VA_BITS 47
#define VA_LIMIT (1ul << VA_BITS)
#define NLEAVES (1ul << (VA_BITS - LEAF_SHIFT))
LIBALLOCS_HIDDEN extern uint64_t *heap_bitmap_leaves[NLEAVES];

static inline uint64_t *leaf_of(uintptr_t a)
{
	return __atomic_load_n(&heap_bitmap_leaves[a >> LEAF_SHIFT], __ATOMIC_ACQUIRE);
}

static inline uint64_t *word_of(uint64_t *leaf, uintptr_t a)
{
	return &leaf[(a & ((1ul << LEAF_SHIFT) - 1)) >> (GRANULE_SHIFT + 6)];
}

static inline uint64_t bit_of(uintptr_t a)
{
	return 1ull << ((a >> GRANULE_SHIFT) & 63);
}

/* Whether a is, as the bitmap reads now, the base of a small chunk (live or quarantined): a hint, to be confirmed by a read
 * of the chunk. */
static inline int heap_index_bit_set(uintptr_t a)
{
	if (a >= VA_LIMIT || (a & ((1ul << GRANULE_SHIFT) - 1)) != 0)
		return 0;
	uint64_t *leaf = leaf_of(a);
	/* Acquire: pairs with the release of heap_index_insert, which follows the trailer's stores. */
	return leaf != NULL && (__atomic_load_n(word_of(leaf, a), __ATOMIC_ACQUIRE) & bit_of(a)) != 0;
}

/* As heap_index_lookup_for_check, for a live small chunk based at p only: -1 (nothing filled) for any other address, at the
 * cost of one bitmap word when p is no chunk's base. */
LIBALLOCS_HIDDEN int heap_index_base_for_check(const void *p, struct __liballocs_heap_chunk *out, unsigned *marks);

/* Marks the live small chunks holding p and p + size - 1 CHUNK_HOLDS_SUBALLOC (suballoc_index.c calls it before it records a
 * suballocated chunk [p, p + size)). */
LIBALLOCS_HIDDEN void heap_index_mark_holds_suballoc(const void *p, unsigned long size);

/* Indexes the fresh chunk at base (whose trailer the caller has already written) so lookups
 * find it. `mmapped` is the chunk's IS_MMAPPED bit: such chunks, and chunks of at least
 * LIBALLOCS_BIG_THRESHOLD bytes, go to the big-chunk table; the rest get a bit in the bitmap.
 * Never allocates with malloc and never fails visibly: when the index cannot get memory, the
 * chunk stays unindexed (lookups answer "unknown"). */
LIBALLOCS_HIDDEN void heap_index_insert(void *base, unsigned long size,
	const struct __liballocs_allocsite *site, const void *caller, int mmapped);

/* Forgets the chunk at base, which the caller owns and has not yet passed to glibc. Returns 1
 * and fills *old (if non-null) when it was indexed, 0 when it was not (then *old is untouched).
 * old->site keeps SITE_FACTS_FLAG. */
LIBALLOCS_HIDDEN int heap_index_remove(void *base, struct __liballocs_heap_chunk *old);

/* The state of the chunk based at p in the bitmap: 1 live small chunk, 2 quarantined (freed), 3 a trailer the program
 * overwrote (the chunk live or quarantined: nobody can tell), 0 anything else (big, unindexed, not a base); for 1 to 3, *t
 * is its trailer and *size_word the trailer's requested_size as read. Inline: malloc's family asks it at every free and at
 * every site set. The caller owns p or holds it in the quarantine. */
static inline int heap_index_small_state(const void *p, struct chunk_trailer **t, unsigned long *size_word)
{
	if (p == NULL || !heap_index_bit_set((uintptr_t)p))
		return 0;
	unsigned long usable = chunk_usable(chunk_header(p));
	if (usable < TRAILER_SIZE)
		return 0;
	*t = chunk_trailer((void *)p, usable);
	unsigned long word = __atomic_load_n(&(*t)->requested_size, __ATOMIC_RELAXED);
	*size_word = word;
	if (!chunk_trailer_intact(*t, word))
		return 3;
	return (word & CHUNK_FREED) ? 2 : 1;
}

/* Forgets the suballocated chunks lying in [base, base + size) (see suballoc_index.c): the heap
 * chunk holding them is going back to glibc. Lock-free and cheap when no chunk is recorded there;
 * bumps the free generation when one carried facts. */
LIBALLOCS_HIDDEN void suballoc_forget_range(const void *base, unsigned long size);

/* Whether [base, base + size) overlaps a suballocated chunk, live or freed (suballoc_index.c); 1 also
 * when writers kept the index too busy to tell. Lock-free. */
LIBALLOCS_HIDDEN int suballoc_overlaps(const void *base, unsigned long size);

/* Forgets the inferred typings overlapping [base, base + size) (inferred_index.c): the heap chunk
 * holding them is going back to glibc, or (ordered: after a fence that orders it against a record
 * under way) a suballocator issued a chunk there. Lock-free and cheap when none is recorded there;
 * bumps the free generation when one carried facts. */
LIBALLOCS_HIDDEN void inferred_forget_range(const void *base, unsigned long size, int ordered);

/* As __liballocs_inferred_lookup, but only a typing based at or above floor answers (inferred_index.c): a check asks for
 * the typing inside its heap chunk, and the search then walks back no further than the chunk's base. *has_facts (when
 * non-null): whether the typing carries SITE_FACTS_FLAG. */
LIBALLOCS_HIDDEN int inferred_lookup_from(const void *p, const void *floor, struct __liballocs_suballoc_chunk *out,
	int *has_facts);

/* As __liballocs_inferred_mark_facts, without the lock (inferred_index.c): 0 when the typing is marked, -1 when that could
 * not be told (then nothing may rely on the mark). Never blocks: a check's slow path calls it. */
LIBALLOCS_HIDDEN int inferred_mark_facts_lockfree(const void *p, unsigned long size, const struct __liballocs_allocsite *site);

/* Marks the live small chunk based at p SITE_FACTS_FLAG (heap_index.c) and tells whether it is still the chunk a check found:
 * 1 when it is live, of `site` and of exactly `size` requested bytes (no flag: not marked freed nor as holding suballocated
 * chunks), so that its free, re-typing or carving, ordered against the mark, expires the facts; else 0 (a fact about it must
 * not be published). Known limit: a chunk freed and another of the same site and size placed at p meanwhile passes, and the
 * verdict then holds for it too. */
LIBALLOCS_HIDDEN int heap_index_mark_facts_live(const void *p, const struct __liballocs_allocsite *site, unsigned long size);

/* Zero-filled memory from mmap, errno kept (callers run inside malloc-family calls); null when none. */
LIBALLOCS_HIDDEN void *index_map_zeroed(unsigned long bytes);

/* How many suballocated chunks have ever been recorded (suballoc_index.c). */
LIBALLOCS_HIDDEN extern unsigned long suballoc_recorded;

#endif
