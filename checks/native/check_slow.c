/* check_slow.c: the slow path of cast checks: reused verdicts, else the C# runtime; caches what it confirmed. */
/*
 * The inline fast path (contract/include/liballocs_checks.h) answers from this thread's cache of
 * facts about addresses; a miss lands here. Most misses are checks on a chunk the thread has not
 * checked before, of a kind it has: an interpreter's new objects, a database's new records. So
 * first we find the heap chunk holding the address (the heap index, lock-free) and look up this
 * thread's table of reused verdicts by (cast site, the chunk's allocation site, its size, the
 * offset): when the runtime found a verdict that followed from the chunk's allocation site alone
 * (shim_api.h, struct __liballocs_rt_verdict), every such check has it, whatever the chunk. A
 * passing one counts as a cache hit; a failing one adds one to its distinct report's count (a
 * repeat is only counted, never printed again); one that recorded an inferred typing records the
 * same typing again and ends as the runtime's check did (verdict_infer). Nothing about a verdict expires: the key holds
 * everything it depends on, and a freed chunk is no longer found by the lookup.
 *
 * Otherwise we let the runtime check (capturing the caller's stack only when it has a new report
 * to write: a backtrace costs more than the check), keep the verdict when it may be reused, and
 * keep the fact it returns, stamped with the free generation read before the check began (so a
 * chunk freed while we checked can never leave a fact that looks current).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "heap_index.h"

LIBALLOCS_EXPORT __thread struct __liballocs_check_fact __liballocs_check_cache[LIBALLOCS_CHECK_CACHE_SIZE]
	__attribute__((tls_model("initial-exec")));
LIBALLOCS_EXPORT __thread unsigned long __liballocs_check_cache_hits __attribute__((tls_model("initial-exec")));
LIBALLOCS_EXPORT unsigned long __liballocs_free_generation;
unsigned long fact_region_generation[FACT_REGIONS];

LIBALLOCS_EXPORT unsigned long __liballocs_fact_region_generation(const void *p)
{
	return __atomic_load_n(fact_region_of((uintptr_t)p), __ATOMIC_ACQUIRE);
}

#define MAX_FRAMES 64

/* Per set (liballocs_checks.h), the next way the runtime's facts and the reused passes' point facts take, round robin. */
static __thread unsigned char next_slot[LIBALLOCS_CHECK_CACHE_SETS] __attribute__((tls_model("initial-exec")));
static __thread unsigned char next_point_slot[LIBALLOCS_CHECK_CACHE_SETS] __attribute__((tls_model("initial-exec")));
/* In its key's set (liballocs_checks.h), a fact from the runtime takes one of the first RUNTIME_WAYS ways and a point fact from a
 * reused pass one of the others: the runtime's facts (whole arrays, strides) answer more checks each, and a stream of points
 * must not push them all out. */
#define RUNTIME_WAYS (LIBALLOCS_CHECK_CACHE_WAYS / 2)
#define POINT_WAYS (LIBALLOCS_CHECK_CACHE_WAYS - RUNTIME_WAYS)

/* The slot a new fact for key takes: in key's set, the next of the runtime's ways (point 0) or of the point ways (point 1). */
static struct __liballocs_check_fact *fact_slot(const void *key, int point)
{
	unsigned set = __liballocs_check_cache_set(key), index = set / LIBALLOCS_CHECK_CACHE_WAYS;
	return &__liballocs_check_cache[point ? set + RUNTIME_WAYS + next_point_slot[index]++ % POINT_WAYS
		: set + next_slot[index]++ % RUNTIME_WAYS];
}
static __thread int in_check __attribute__((tls_model("initial-exec")));
static __thread int hits_registered __attribute__((tls_model("initial-exec")));
static __thread int tables_mapped __attribute__((tls_model("initial-exec")));   /* verdicts and points (null if refused) */
/* 1 when site_type_is_target may answer checks: not at verbosity 2, where every slow-path check is the runtime's to note;
 * -1 until LIBALLOCS_OPTIONS is read, once, at the first check that could be answered so. */
static int site_type_answers = -1;
static int answered_without_runtime;
static pthread_key_t hits_key;
static pthread_once_t hits_key_once = PTHREAD_ONCE_INIT;

void check_slow_abandoned(void)
{
	in_check = 0;
}

int checks_hold(void)
{
	int was = in_check;
	in_check = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return was;
}

void checks_release(int was)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	in_check = was;
}

/* ---- verdicts reused per (cast site, allocation site, chunk size, offset), per local, per typing, per static address ---- */

/* Per thread, direct-mapped, mapped at a thread's first slow-path check (128 KiB, two cache lines a verdict). A thread's own
 * table needs no lock, and a signal handler's check cannot interleave with an update (in_check keeps it out). */
#define VERDICTS_LOG2 10
#define VERDICTS (1u << VERDICTS_LOG2)

struct reused_verdict
{
	const struct __liballocs_castsite *site;       /* as the fast path names it; null: empty slot */
	const struct __liballocs_allocsite *allocsite; /* the chunk's site */
	unsigned long size;                            /* the chunk's requested size in bytes */
	unsigned long offset;                          /* of the address from the chunk's base, or from the typing's; a
	                                                  static verdict's: the address itself */
	unsigned line;                                 /* the use's line, for a cast in a macro's definition; else 0 */
	unsigned kind;                                 /* KEY_HEAP, KEY_LOCAL or KEY_STATIC, | VERDICT_IN_TYPING for a
	                                                  typing's verdict, | VERDICT_FACT when a reuse caches a fact */
	long *failures;                                /* failed: the distinct report's count; null: passed */
	/* In a typing's verdict, the typing's site; in a chunk's, the site a lazy typing gives the chunk (null: none). */
	const struct __liballocs_allocsite *typing_site_or_retype;
	unsigned typing_size;                          /* the typing's size in bytes (typings span at most 64 KiB) */
	unsigned typing_from;                          /* the least offset from the chunk's base where typings decide */
	/* A verdict that records an inferred typing (VERDICT_INFERS; the second cache line, read by those only): as the
	 * runtime's struct __liballocs_rt_verdict's infer_* and counts. */
	const struct __liballocs_allocsite *infer_site;
	unsigned long infer_extent;
	long *unknowns, *unknown_total, *typings_inferred;
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct reused_verdict) == 128, "a verdict is two cache lines, the key in the first");

/* In reused_verdict.kind: KEY_HEAP, KEY_LOCAL or KEY_STATIC (below), and flags. */
#define VERDICT_KEY_KIND 0x0fu
/* In reused_verdict.kind: a pass inside an inferred typing (keyed by the typing's site, size and offset in it). */
#define VERDICT_IN_TYPING 0x10u
/* In reused_verdict.kind: a pass in a heap chunk the runtime made a cache fact of; a reuse in a small chunk makes one for its
 * address (publish_reused_fact). */
#define VERDICT_FACT 0x20u
/* In reused_verdict.kind: the verdict records an inferred typing at the address, where no typing holds it (a chunk's verdict)
 * or replacing the typing its key names (a typing's), then ends as unknown storage; with VERDICT_PASSES_WHEN_CLEAN, it passes
 * when the typing replaced none. */
#define VERDICT_INFERS 0x40u
#define VERDICT_PASSES_WHEN_CLEAN 0x80u

static __thread struct reused_verdict *verdicts __attribute__((tls_model("initial-exec")));

/* ---- the second level of the fact cache: the checked addresses of every fact, per thread ----
 * The inline cache holds LIBALLOCS_CHECK_CACHE_SIZE facts, so a thread that checks more objects than that in turn (an
 * interpreter's live objects, a database's cells) misses it at every check, each one passed before at the same address. Every
 * fact published here is also kept as a point, its checked address, in a direct-mapped table probed before the heap lookup: a
 * hit costs a hash and one cache line where a reused verdict costs the heap index's reads. Not at a small chunk's base, which
 * the entry points answer from the chunk's reused verdict first (chunk_base_answers), keeping no point. Points are facts:
 * valid for the same key, kind and degree, in the generation of their address's region they were confirmed in (heap_index.h,
 * fact_region_generation: a free elsewhere leaves them valid). A database or an interpreter checks hundreds of thousands of
 * addresses in turn: the table holds 32 K points (1 MiB a thread, mapped with the verdicts, touched pages only; a bigger one
 * costs a stream of new objects, as jq's, more in cache misses than it saves). */
#define POINTS_LOG2 15
#define POINTS (1u << POINTS_LOG2)

struct point_fact
{
	unsigned long address;                         /* the checked address */
	const void *key;                               /* as __liballocs_check_fact.key; null: empty slot */
	unsigned long generation;                      /* of the address's region, when the fact was confirmed */
	unsigned kind_and_degree;                      /* check kind | degree << 8 */
	unsigned seq;                                  /* odd while keep_point writes the slot; a probe that sees it move
	                                                  between its first and last load takes nothing it read */
} __attribute__((aligned(32)));
_Static_assert(sizeof(struct point_fact) == 32, "two points a cache line");

static __thread struct point_fact *points __attribute__((tls_model("initial-exec")));

/* The keys this thread kept a point for: one bit per hash of the key (4096 bits, 512 bytes that stay in the first-level cache),
 * set by keep_point and never cleared. A check whose key never kept a point here (a repeated failure, a cast into storage
 * the runtime cannot type, a type the C layer alone answered at chunk bases) skips the probe, whose line of the table would
 * be a cold miss only to miss: jq's repeated failing check on every string it hashes spent a third of its cost there. A bit
 * left set after its points died only costs the probe, as before. The bits lie just past the table, in its mapping, not in
 * TLS: static TLS this big would leave no room to dlopen this library (an instrumented shared library loaded by an
 * uninstrumented program), glibc keeping only about 1.6 KiB of it for libraries loaded late. */
#define POINT_KEYS_LOG2 12
#define POINTS_MAPPING (POINTS * sizeof(struct point_fact) + (1u << POINT_KEYS_LOG2) / 8)

static inline uint64_t *point_keys(struct point_fact *table)
{
	return (uint64_t *)(table + POINTS);
}

static inline unsigned point_key_bit(const void *key)
{
	return (unsigned)(((uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ull) >> (64 - POINT_KEYS_LOG2));
}

/* Neighbouring addresses (16-byte granules) get neighbouring slots, so that a program walking its objects in address order
 * probes few cache lines and pages of the table; the address's higher bits and the key pick where that run of slots starts. */
static inline struct point_fact *point_slot(unsigned long address, const void *key)
{
	uint64_t near = ((uint64_t)address >> 4) ^ (((uint64_t)address & 15) << (POINTS_LOG2 - 4));
	uint64_t far = (((uint64_t)address >> (4 + POINTS_LOG2)) ^ (uint64_t)(uintptr_t)key) * 0x9e3779b97f4a7c15ull;
	return &points[(near + (far >> (64 - POINTS_LOG2))) & (POINTS - 1)];
}

/* Whether a point answers the check of `address` against site (counted as a cache hit). Probed before the slow path proper,
 * outside in_check: a signal handler's check may rewrite the slot between any two of these loads, so they count only when the
 * slot's sequence number was even and the same before the first and after the last. */
static inline __attribute__((always_inline)) int point_answers(unsigned long address, const struct __liballocs_castsite *site)
{
	const void *key = site->target ? (const void *)site->target : (const void *)site;
	unsigned bit = point_key_bit(key);
	if (!(point_keys(points)[bit >> 6] & (1ull << (bit & 63))))
		return 0;
	const struct point_fact *f = point_slot(address, key);
	unsigned seq = __atomic_load_n(&f->seq, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if ((seq & 1) || __atomic_load_n(&f->key, __ATOMIC_RELAXED) != key)
		return 0;
	unsigned long generation = __atomic_load_n(fact_region_of(address), __ATOMIC_ACQUIRE);
	if (f->address != address || f->generation != generation || f->kind_and_degree != (site->kind | site->degree << 8))
		return 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&f->seq, __ATOMIC_RELAXED) != seq)
		return 0;
	__liballocs_count_cache_hit();
	return 1;
}

/* Keeps fact's checked address as a point, confirmed in its region's generation `generation`. The slot's sequence number is
 * odd while it is written, so that a probe this write interrupts (point_answers, from the signal handler's check that wrote)
 * takes nothing it read. Writes never nest: they run inside a check (in_check), where a handler's check writes nothing. */
static void keep_point(unsigned long address, const struct __liballocs_check_fact *fact, unsigned long generation)
{
	if (points == NULL)
		return;
	unsigned bit = point_key_bit(fact->key);
	point_keys(points)[bit >> 6] |= 1ull << (bit & 63);
	struct point_fact *f = point_slot(address, fact->key);
	unsigned seq = f->seq;
	__atomic_store_n(&f->seq, seq + 1, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	f->key = fact->key;
	f->address = address;
	f->generation = generation;
	f->kind_and_degree = fact->kind_and_degree;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&f->seq, seq + 2, __ATOMIC_RELAXED);
}

/* What a key's chunk is: a heap chunk (site, base, requested size), or a local's activation (descriptor, address, size), or
 * neither (KEY_STATIC: the address itself is the key, the runtime keeping a verdict for static storage only). The values are
 * those of the runtime's struct __liballocs_rt_verdict's `reusable`. */
#define KEY_HEAP LIBALLOCS_VERDICT_REUSE_HEAP
#define KEY_LOCAL LIBALLOCS_VERDICT_REUSE_LOCAL
#define KEY_STATIC LIBALLOCS_VERDICT_REUSE_STATIC
#define TYPING_UNASKED 1   /* verdict_key.typing_lookup before the inferred index was asked */

/* What a check is keyed by: the cast, the live heap chunk (or local) holding the address, with no suballocated chunk, live or
 * freed, there, and, when one holds it, the inferred typing. */
struct verdict_key
{
	const struct __liballocs_castsite *site;
	unsigned line;
	int kind;                                      /* KEY_HEAP, KEY_LOCAL or KEY_STATIC */
	uintptr_t address;
	struct __liballocs_heap_chunk chunk;
	unsigned marks;                                /* a heap chunk's LOOKUP_* bits (heap_index.h) */
	unsigned long offset;                          /* of the address from the chunk's base (KEY_STATIC: the address) */
	int in_typing;                                 /* 1: typing holds the address, inside the chunk */
	int typing_lookup;                             /* inferred_lookup_from's answer (0 found, -1 none, -2 busy); TYPING_UNASKED */
	struct __liballocs_suballoc_chunk typing;      /* the typing, as separate typings would have it: the object of an
	                                                  array typing holding the address (typing_object) */
	uintptr_t typing_entry_base;                   /* the index's typing holding it (the array's, or the typing itself) */
	unsigned long typing_entry_size;
	int typing_has_facts;                          /* the index's typing carries SITE_FACTS_FLAG */
	unsigned long generation;                      /* the free generation before the chunk was looked up */
	unsigned long region_generation;               /* the address's region's (fact_region_generation), read before that */
	int at_base;                                   /* answered ahead of the points (chunk_base_answers): a fact a reuse
	                                                  makes is kept without a point, which that path never asks */
};

/* Starts key for the check of address a against site (line as the entry point was given it; at_base: by chunk_base_answers):
 * the generations, read before anything is looked up. */
static inline void verdict_key_begin(struct verdict_key *key, const struct __liballocs_castsite *site, unsigned line, uintptr_t a,
	int at_base)
{
	key->site = site;
	key->at_base = at_base;
	/* Only a point needs its region's generation, and the base path keeps none. */
	key->region_generation = at_base ? 0 : __atomic_load_n(fact_region_of(a), __ATOMIC_ACQUIRE);
	/* What a fact made of this check is stamped with (every free of a chunk with facts bumps it): read before the lookups. */
	key->generation = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
	key->line = line == site->line ? 0 : line;
}

/* Fills the rest of key's chunk part for a, held by the heap chunk already in key->chunk. */
static inline void verdict_key_heap(struct verdict_key *key, uintptr_t a)
{
	key->kind = KEY_HEAP;
	key->address = a;
	key->offset = (unsigned long)(a - (uintptr_t)key->chunk.base);
	key->in_typing = 0;
	key->typing_lookup = TYPING_UNASKED;
}

/* Fills the chunk part of key for address a, as the runtime resolves it (AllocationHierarchy: suballocated chunks, then the
 * heap, then locals): the live heap chunk holding a, else the latest activation of the calling thread's locals holding it, else
 * the address itself (KEY_STATIC); 0 when a suballocated chunk (live or freed) lies at a, or the stack records could not be
 * read (the runtime alone can answer). */
static int verdict_chunk(struct verdict_key *key, uintptr_t a)
{
	int recorded = __atomic_load_n(&suballoc_recorded, __ATOMIC_RELAXED) != 0;
	if (heap_index_lookup_for_check((const void *)a, &key->chunk, &key->marks) == 0)
	{
		/* A heap chunk never marked to hold suballocated chunks holds none (heap_index.h, CHUNK_HOLDS_SUBALLOC). */
		if (recorded && (key->marks & LOOKUP_HOLDS_SUBALLOC) && suballoc_overlaps((const void *)a, 1))
			return 0;
		verdict_key_heap(key, a);
		return 1;
	}
	else
	{
		if (recorded && suballoc_overlaps((const void *)a, 1))
			return 0;
		struct __liballocs_stack_record local;
		key->marks = 0;
		int found = __liballocs_stack_find((const void *)a, 0, 0, &local);
		if (found == 1 && local.desc != NULL)
		{
			key->kind = KEY_LOCAL;
			key->chunk.base = local.addr;
			key->chunk.size = local.size;
			key->chunk.site = (const struct __liballocs_allocsite *)(const void *)local.desc;
		}
		else if (found == 0)
		{
			/* No heap chunk, suballocated chunk or local of ours: a verdict the runtime kept for static storage applies. */
			key->kind = KEY_STATIC;
			key->chunk.base = (void *)a;
			key->chunk.size = 0;
			key->chunk.site = NULL;
		}
		else
			return 0;
	}
	key->address = a;
	/* A static verdict's key is the address itself. */
	key->offset = key->kind == KEY_STATIC ? (unsigned long)a : (unsigned long)(a - (uintptr_t)key->chunk.base);
	key->in_typing = 0;
	key->typing_lookup = TYPING_UNASKED;
	return 1;
}

/* Narrows key's typing, as the index has it, to the object holding key's address when it is an array typing (inferred_index.c,
 * add_joined: objects of the site's type, typed one by one and joined): the typing that object would have on its own, which the
 * runtime checks against too (ProcessMemory.FindInferred), so that a verdict on it holds in every such object. */
static void typing_object(struct verdict_key *key)
{
	key->typing_entry_base = (uintptr_t)key->typing.base;
	key->typing_entry_size = key->typing.size;
	unsigned long es = inferred_array_element(key->typing.site, key->typing.size);
	if (es == 0)
		return;
	key->typing.base = (void *)(key->typing_entry_base + (key->address - key->typing_entry_base) / es * es);
	key->typing.size = es;
}

/* Fills the typing part of key (asking the index once per check): 1 when an inferred typing inside the chunk holds the
 * address. */
static int verdict_typing(struct verdict_key *key)
{
	uintptr_t base = (uintptr_t)key->chunk.base;
	if (key->kind != KEY_HEAP)
		return 0;
	if (key->typing_lookup == TYPING_UNASKED)
	{
		key->typing_lookup = inferred_lookup_from((const void *)key->address, key->chunk.base, &key->typing,
			&key->typing_has_facts);
		if (key->typing_lookup == 0)
			typing_object(key);
	}
	if (key->typing_lookup != 0)
		return 0;
	uintptr_t t = (uintptr_t)key->typing.base;
	key->in_typing = t >= base && key->typing.size <= key->chunk.size && t - base <= key->chunk.size - key->typing.size;
	return key->in_typing;
}

/* The size a verdict that holds in chunks of any size is kept under. */
#define ANY_SIZE (~0ul)

/* The slot of key's chunk verdict for chunks of `size` bytes (key's, or ANY_SIZE), or (typing) of its typing verdict. */
static struct reused_verdict *verdict_slot(const struct verdict_key *key, int typing, unsigned long size)
{
	/* One multiply: sites are distinct addresses, sizes and offsets small numbers; the product's top bits mix them all. */
	uint64_t h = (uint64_t)(uintptr_t)key->site ^ ((uint64_t)(uintptr_t)key->chunk.site << 7) ^ (uint64_t)key->kind
		^ ((uint64_t)size << 24) ^ ((uint64_t)key->line << 13);
	if (typing)
		h ^= ((uint64_t)(uintptr_t)key->typing.site << 3) ^ ((uint64_t)key->typing.size << 32)
			^ ((uint64_t)(key->address - (uintptr_t)key->typing.base) << 44);
	else
		h ^= (uint64_t)key->offset << 40;
	return &verdicts[(h * 0x9e3779b97f4a7c15ull) >> (64 - VERDICTS_LOG2)];
}

static int verdict_matches(const struct reused_verdict *v, const struct verdict_key *key, unsigned long size)
{
	return v->site == key->site && (v->kind & VERDICT_KEY_KIND) == (unsigned)key->kind
		&& v->allocsite == key->chunk.site
		&& v->size == size
		&& v->line == key->line;
}

static void publish_reused_fact(const struct verdict_key *key, unsigned long typing_from);

/* Repeats verdict v's inferred typing at key's address and ends as the runtime's check did (counted): 1; or 0 when the runtime
 * must decide: for a chunk's verdict, a typing holds the address or the index could not tell; the typing would not fit in the
 * chunk; the index refused it. */
static int verdict_infer(const struct reused_verdict *v, struct verdict_key *key)
{
	if (!(v->kind & VERDICT_IN_TYPING))
	{
		verdict_typing(key);
		if (key->typing_lookup != -1)
			return 0;
	}
	uintptr_t end = (uintptr_t)key->chunk.base + key->chunk.size;
	if (v->infer_extent > end - key->address)
		return 0;
	int replaced = __liballocs_inferred_record((void *)key->address, v->infer_extent, v->infer_site);
	if (replaced < 0)
		return 0;
	__atomic_fetch_add(v->typings_inferred, 1, __ATOMIC_RELAXED);
	if (replaced == 0 && (v->kind & VERDICT_PASSES_WHEN_CLEAN))
		__liballocs_count_cache_hit();
	else
	{
		/* The total first, as the runtime counts (CheckSession.Check): a summary reads it first. */
		__atomic_fetch_add(v->unknown_total, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(v->unknowns, 1, __ATOMIC_RELAXED);
	}
	return 1;
}

/* Answers the check from the reused verdict in slot v, kept for chunks of `size` bytes: 1 when it matched key (counted),
 * else 0. */
static int verdict_reuse(const struct reused_verdict *v, struct verdict_key *key, int typing, unsigned long size)
{
	if (!verdict_matches(v, key, size))
		return 0;
	if (typing)
	{
		uintptr_t t = (uintptr_t)key->typing.base;
		if (!(v->kind & VERDICT_IN_TYPING) || v->typing_site_or_retype != key->typing.site || v->typing_size != key->typing.size
			|| v->offset != key->address - t
			|| key->offset < v->typing_from || t - (uintptr_t)key->chunk.base < v->typing_from)
			return 0;
	}
	else
	{
		if ((v->kind & VERDICT_IN_TYPING) || v->offset != key->offset)
			return 0;
		const struct __liballocs_allocsite *retype = v->typing_site_or_retype;
		if (retype)
		{
			/* The lazy typing the runtime did in a chunk like this one, where no inferred typing says otherwise. */
			if (__liballocs_inferred_overlaps(key->chunk.base, key->chunk.size ? key->chunk.size : 1) != 0
				|| !heap_index_set_site_if((void *)key->address, key->chunk.site, retype))
				return 0;   /* typed otherwise meanwhile: the runtime decides */
		}
	}
	if (v->kind & VERDICT_INFERS)
		return verdict_infer(v, key);
	if (v->failures)
		__atomic_fetch_add(v->failures, 1, __ATOMIC_RELAXED);
	else
	{
		__liballocs_count_cache_hit();
		if ((v->kind & VERDICT_FACT) && (key->marks & LOOKUP_SMALL))
			publish_reused_fact(key, v->typing_from);
	}
	return 1;
}

/* Where a check's verdict may be kept: key's chunk verdict for chunks of its size, or of any size, and its typing verdict;
 * null when there is no such key. */
struct verdict_slots
{
	struct reused_verdict *sized, *any_size, *typing;
};

/* Keeps the runtime's verdict on the check of key (looked up before the runtime ran) when it may be reused: the runtime
 * found it in the same chunk (and typing), with the same sites and sizes. `result_code` is the runtime's (shim_api.h): a
 * verdict of unknown storage is kept when it records a typing (infer_site). */
static void verdict_keep(const struct verdict_slots *slots, const struct verdict_key *key,
	const struct __liballocs_rt_verdict *verdict, int result_code, int fact_made)
{
	int failed = result_code == LIBALLOCS_CHECK_RESULT_FAILED || result_code == LIBALLOCS_CHECK_RESULT_REPORT_PENDING;
	int unknown = result_code == LIBALLOCS_CHECK_RESULT_UNKNOWN_STORAGE;
	if (verdict->reusable != key->kind || verdict->allocsite != key->chunk.site || verdict->chunk_base != key->chunk.base
		|| verdict->chunk_size != key->chunk.size || (failed != 0) != (verdict->failures != NULL)
		|| (failed && (verdict->retype || verdict->typing_site)))
		return;
	int infers = verdict->infer_site != NULL;
	if (unknown && !infers)
		return;
	if (infers && (failed || verdict->retype || key->kind != KEY_HEAP || verdict->infer_extent == 0 || verdict->unknowns == NULL
			|| verdict->unknown_total == NULL || verdict->typings_inferred == NULL || (!unknown && !verdict->infer_passes_when_clean)))
		return;
	struct reused_verdict *v = slots->sized;
	unsigned long offset = key->offset, size = key->chunk.size;
	unsigned kind = (unsigned)key->kind;
	const struct __liballocs_allocsite *typing_site_or_retype = verdict->retype;
	if (verdict->typing_site)
	{
		if (!slots->typing || verdict->typing_site != key->typing.site || verdict->typing_base != key->typing.base
			|| verdict->typing_size != key->typing.size || verdict->typing_size > UINT_MAX || verdict->typing_from > UINT_MAX)
			return;
		v = slots->typing;
		offset = (unsigned long)(key->address - (uintptr_t)key->typing.base);
		kind |= VERDICT_IN_TYPING;
		typing_site_or_retype = verdict->typing_site;
	}
	else if (verdict->any_size && key->kind == KEY_HEAP && !verdict->retype)
	{
		v = slots->any_size;
		size = ANY_SIZE;
	}
	/* A point fact stands for the chunk's type: never where a typing decides (its re-typing would not expire the point). */
	if (fact_made && !verdict->retype && !infers && key->kind == KEY_HEAP)
		kind |= VERDICT_FACT;
	if (infers)
		kind |= VERDICT_INFERS | (verdict->infer_passes_when_clean ? VERDICT_PASSES_WHEN_CLEAN : 0u);
	if (v == NULL)
		return;
	/* As publish_fact: a signal handler's check that longjmps out of this update must leave no slot matching with another
	 * verdict's fields. The key's first field is cleared first and set last. */
	__atomic_store_n(&v->site, NULL, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	v->kind = kind;
	v->allocsite = key->chunk.site;
	v->size = size;
	v->offset = offset;
	v->line = key->line;
	v->typing_site_or_retype = typing_site_or_retype;
	v->typing_size = (unsigned)verdict->typing_size;
	v->typing_from = (unsigned)verdict->typing_from;
	v->failures = verdict->failures;
	v->infer_site = verdict->infer_site;
	v->infer_extent = verdict->infer_extent;
	v->unknowns = verdict->unknowns;
	v->unknown_total = verdict->unknown_total;
	v->typings_inferred = verdict->typings_inferred;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&v->site, key->site, __ATOMIC_RELAXED);
}

/* ---- checks answered without the runtime, counted per thread ----
 * The fast path counts its hits in a thread-local counter (no atomics on the hot path), and so do reused passes. Each thread's
 * counter is listed here at its first slow-path check (no thread has hits before one: every fact and verdict comes from it), so
 * that the summary at exit counts the threads still running too: what was handed over of each is remembered, and a thread
 * exiting later hands over only the rest. A thread beyond MAX_COUNTED threads hands its hits over at its exit only. */
#define MAX_COUNTED 1024

struct counted_thread
{
	unsigned long *hits;      /* the thread's __liballocs_check_cache_hits; null: free entry */
	unsigned long handed;     /* what the runtime has been given of it */
};

static struct counted_thread counted[MAX_COUNTED];
/* Hits of threads that exited before the runtime was loaded (every check of theirs answered in the C layer). */
static unsigned long orphan_hits;
static pthread_mutex_t counted_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int counted_index __attribute__((tls_model("initial-exec")));   /* entry + 1; 0: not listed */

static void count_this_thread(void)
{
	pthread_mutex_lock(&counted_lock);
	for (int i = 0; i < MAX_COUNTED; i++)
	{
		if (counted[i].hits == NULL)
		{
			counted[i].hits = &__liballocs_check_cache_hits;
			counted[i].handed = 0;
			counted_index = i + 1;
			break;
		}
	}
	pthread_mutex_unlock(&counted_lock);
}

/* What a counted thread's counter gained since it was last handed over (the caller holds counted_lock). A relaxed read of
 * another thread's counter: it only ever grows, and a count read a moment early is handed over later. */
static unsigned long counted_gain(struct counted_thread *c)
{
	unsigned long now = __atomic_load_n(c->hits, __ATOMIC_RELAXED);
	unsigned long gain = now - c->handed;
	c->handed = now;
	return gain;
}

void check_hits_hand_over(const struct rt_checks *rt)
{
	int held = checks_hold();   /* a signal handler's check must not take counted_lock again, or enter the runtime */
	unsigned long total = __atomic_exchange_n(&orphan_hits, 0, __ATOMIC_RELAXED);
	pthread_mutex_lock(&counted_lock);
	for (int i = 0; i < MAX_COUNTED; i++)
		if (counted[i].hits)
			total += counted_gain(&counted[i]);
	if (counted_index == 0)
	{
		/* This thread, not listed (no slow path yet, or no room); an exchange, so that a signal handler's hit is not lost. */
		total += __atomic_exchange_n(&__liballocs_check_cache_hits, 0, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&counted_lock);
	if (total)
		rt->add_cache_hits(total);
	checks_release(held);
}

/* Thread exit: the thread's cache hits would die with its TLS; hand the rest to the runtime. */
static void flush_hits(void *unused)
{
	(void)unused;
	/* Not loaded for this: a thread whose checks the C layer answered alone ends without starting the runtime. */
	const struct rt_checks *rt = __atomic_load_n(&rt_checks_ready, __ATOMIC_ACQUIRE);
	int held = checks_hold();
	unsigned long rest;
	pthread_mutex_lock(&counted_lock);
	if (counted_index)
	{
		rest = counted_gain(&counted[counted_index - 1]);
		counted[counted_index - 1].hits = NULL;
		counted_index = 0;
	}
	else
		rest = __atomic_exchange_n(&__liballocs_check_cache_hits, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&counted_lock);
	if (rt && rest)
		rt->add_cache_hits(rest);
	else if (rest)
		__atomic_fetch_add(&orphan_hits, rest, __ATOMIC_RELAXED);   /* the runtime is not loaded (yet): kept for the summary */
	checks_release(held);
	struct reused_verdict *table = verdicts;
	struct point_fact *kept = points;
	verdicts = NULL;
	points = NULL;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);   /* a signal handler's check must not find either table once it is unmapped */
	if (table)
		munmap(table, VERDICTS * sizeof *table);
	if (kept)
		munmap(kept, POINTS_MAPPING);
}

/* Writes a fact into this thread's cache so that a signal handler's fast path, which may run
 * between any two stores, never sees a mix of old and new fields: the key (which every match
 * needs) is cleared first and set last. The checked address `a` (0: none) is kept as a point too when the fact covers it,
 * confirmed in region generation `region_generation` (read, as the fact's generation, before the check looked anything up). */
static void publish_fact(struct __liballocs_check_fact *slot, const struct __liballocs_check_fact *fact, unsigned long a,
	unsigned long region_generation)
{
	__atomic_store_n(&slot->key, NULL, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	slot->lo = fact->lo;
	slot->hi = fact->hi;
	slot->period = fact->period;
	slot->kind_and_degree = fact->kind_and_degree;
	slot->generation = fact->generation;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&slot->key, fact->key, __ATOMIC_RELAXED);
	if (a != 0 && __liballocs_fact_covers(fact, a))
		keep_point(a, fact, region_generation);
}

/* A cache fact for key's address, whose check a reused verdict passed, the runtime having made one for the verdict's first
 * check: the address alone, as it is all the key says of this chunk (kept as a point too, unless the base path made it). In an
 * array typing (typing_object) the verdict holds at the same offset in each of its objects from `typing_from` (the verdict's:
 * the least offset from the chunk's base where typings decide) on, each being the typing key names: the fact covers them all,
 * as the runtime's fact for an array does. The chunk (or the typing holding the address) is marked first, so that its free or
 * re-typing expires the fact (the generation was read before the chunk was looked up); a typing the index joins with others
 * later still holds every object the fact names. */
static void publish_reused_fact(const struct verdict_key *key, unsigned long typing_from)
{
	if (key->in_typing)
	{
		if (!key->typing_has_facts
			&& inferred_mark_facts_lockfree((const void *)key->typing_entry_base, key->typing_entry_size, key->typing.site) != 0)
			return;   /* re-typed meanwhile, or a writer busy: no fact */
	}
	else if (!heap_index_mark_facts_live(key->chunk.base, key->chunk.site, key->chunk.size))
		return;   /* freed, re-typed or carved meanwhile, or holding suballocated chunks: no fact */
	const struct __liballocs_castsite *site = key->site;
	struct __liballocs_check_fact fact = { key->address, key->address + 1, 0,
		site->target ? (const void *)site->target : (const void *)site, site->kind | site->degree << 8, key->generation };
	if (key->in_typing && key->typing_entry_size > key->typing.size)
	{
		unsigned long es = key->typing.size, within = (unsigned long)(key->address - (uintptr_t)key->typing.base);
		uintptr_t from = (uintptr_t)key->chunk.base + typing_from, first = key->typing_entry_base, end = first + key->typing_entry_size;
		if (first < from)
			first += (from - first + es - 1) / es * es;
		if (end > (uintptr_t)key->chunk.base + key->chunk.size)
			end = first + ((uintptr_t)key->chunk.base + key->chunk.size - first) / es * es;   /* whole objects only */
		if (first + within <= key->address && key->address < end)
		{
			fact.lo = first + within;
			fact.hi = end;
			fact.period = es;
		}
	}
	publish_fact(fact_slot(fact.key, 1), &fact,
		key->at_base ? 0 : key->address, key->region_generation);
}

/* fork() while another thread holds counted_lock would leave the child's lock held forever; and the child has only the
 * forking thread: the others' counters (in stacks glibc may reuse or unmap) must not be read there. */
static void counted_prefork(void) { pthread_mutex_lock(&counted_lock); }
static void counted_parent(void) { pthread_mutex_unlock(&counted_lock); }
static void counted_child(void)
{
	for (int i = 0; i < MAX_COUNTED; i++)
		if (i != counted_index - 1)
			counted[i].hits = NULL;
	pthread_mutex_unlock(&counted_lock);
}

void check_state_after_fork(void)
{
	__atomic_store_n(&__liballocs_check_cache_hits, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&orphan_hits, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&answered_without_runtime, 0, __ATOMIC_RELAXED);
	if (counted_index)
		counted[counted_index - 1].handed = 0;
	if (verdicts)
		memset(verdicts, 0, VERDICTS * sizeof *verdicts);   /* failures reused from the parent's reports would skip the child's */
	for (int i = 0; i < UNANSWERED_CAUSES; i++)
		__atomic_store_n(&checks_unanswered[i], 0, __ATOMIC_RELAXED);
}

static void make_hits_key(void)
{
	pthread_key_create(&hits_key, flush_hits);
	pthread_atfork(counted_prefork, counted_parent, counted_child);
}

/* Lists this thread's cache hits, so that its summary counts them (check_hits_hand_over) and so that they are handed over
 * when it exits (flush_hits); once per thread, at its first check answered or decided in the C layer past the inline cache. */
static void register_hits(void)
{
	if (hits_registered)
		return;
	pthread_once(&hits_key_once, make_hits_key);
	pthread_setspecific(hits_key, (void *)1);   /* non-null, so flush_hits runs */
	hits_registered = 1;
	count_this_thread();
}

static const struct __liballocs_castsite *site_at_line(const struct __liballocs_castsite *site, unsigned line);

/* Checks key's address with the runtime, the caches having missed: keeps the verdict in slot or typing_slot when it may be
 * reused (null: no heap chunk or typing to key it by), the fact in this thread's cache. A new report's stack, captured here,
 * starts at `caller`, the entry point's return address in the function with the cast (frames[0] is this function, then
 * check_miss, the entry point unless it jumped to check_miss, that function). Leaves
 * errno as it found it: a check may read files (symbols, mappings), and a program reading errno after a cast (bzip2recover
 * tests it at EOF without clearing it first) must see its own value. */
static __attribute__((noinline, noclone)) void check_with_runtime(uintptr_t a, const struct verdict_key *key,
	const struct rt_checks *rt, const struct verdict_slots *slots, const void *caller)
{
	int saved_errno = errno;
	const struct __liballocs_castsite *checked = key->line ? site_at_line(key->site, key->line) : key->site;
	unsigned long generation = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
	struct __liballocs_check_fact fact = { 0, 0, 0, NULL, 0, 0 };
	struct __liballocs_rt_verdict verdict;
	memset(&verdict, 0, sizeof verdict);
	int result_code = rt->check((const void *)a, checked, NULL, 0, &fact, &verdict);
	if (slots->sized && result_code >= LIBALLOCS_CHECK_RESULT_PASSED && result_code <= LIBALLOCS_CHECK_RESULT_REPORT_PENDING)
		verdict_keep(slots, key, &verdict, result_code, result_code == LIBALLOCS_CHECK_RESULT_PASSED && fact.key != NULL);
	if (result_code == LIBALLOCS_CHECK_RESULT_PASSED && fact.key != NULL)
	{
		if (fact.key == (const void *)checked)
			fact.key = key->site;   /* keyed by the castsite itself (incomplete target) */
		fact.generation = generation;
		publish_fact(fact_slot(fact.key, 0), &fact, a, key->region_generation);
	}
	else if (result_code == LIBALLOCS_CHECK_RESULT_REPORT_PENDING)
	{
		/* A new report: now the stack is worth capturing (the fast path is always inlined into the function with the cast). */
		void *frames[MAX_FRAMES];
		int n = backtrace(frames, MAX_FRAMES);
		int from = 0;   /* the function with the cast: the entry point's return address */
		while (from < n && frames[from] != caller)
			from++;
		if (from == n)
			from = n > 2 ? 2 : n;   /* not found: past this function and check_miss, at worst showing the entry point */
		rt->report_pending(frames + from, (unsigned)(n - from));
	}
	errno = saved_errno;
}

/* The slow path past the second level of the fact cache (points_answer, probed by each entry point, so that a point
 * costs no frame for the rest). `site` is the castsite the fast path looks facts up by; `line` (0: the site's own) the line of a
 * macro's use, for which the runtime checks and reports a per-line copy of the site (see site_at_line); `caller` the entry
 * point's return address, where a report's stack starts. */
static __attribute__((noinline, noclone)) void *check_miss(const volatile void *p, const struct __liballocs_castsite *site,
	unsigned line, const void *caller)
{
	void *result = (void *)(uintptr_t)p;
	if (site == NULL)
		return result;
	/* A check from a signal handler that interrupted a check on this thread cannot enter the runtime (the interrupted one
	 * may hold its locks): it passes, counted as unknown. */
	if (in_check)
	{
		__atomic_fetch_add(&checks_unanswered[UNANSWERED_INTERRUPTED_CHECK], 1, __ATOMIC_RELAXED);
		return result;
	}
	const struct rt_checks *rt = __atomic_load_n(&rt_checks_ready, __ATOMIC_ACQUIRE);
	if (__builtin_expect(rt == NULL, 0))
	{
		int saved_errno = errno;   /* loading the runtime opens files */
		int loaded = rt_load();
		errno = saved_errno;
		if (!loaded)
		{
			/* A signal handler interrupted this thread's load of the runtime: waiting for it would never end. */
			__atomic_fetch_add(&checks_unanswered[UNANSWERED_RUNTIME_NOT_READY], 1, __ATOMIC_RELAXED);
			return result;
		}
		rt = __atomic_load_n(&rt_checks_ready, __ATOMIC_ACQUIRE);
		if (rt == NULL)
			return result;   /* no runtime (said once on stderr): nothing is checked or summarised */
	}
	in_check = 1;
	register_hits();
	if (!tables_mapped)
	{
		tables_mapped = 1;
		verdicts = index_map_zeroed(VERDICTS * sizeof *verdicts);
		points = index_map_zeroed(POINTS_MAPPING);
	}
	struct verdict_key key;
	verdict_key_begin(&key, site, line, (uintptr_t)result, 0);
	struct verdict_slots slots = { NULL, NULL, NULL };
	if (verdicts && verdict_chunk(&key, (uintptr_t)result))
	{
		slots.sized = verdict_slot(&key, 0, key.chunk.size);
		slots.any_size = verdict_slot(&key, 0, ANY_SIZE);
		if (verdict_reuse(slots.sized, &key, 0, key.chunk.size) || verdict_reuse(slots.any_size, &key, 0, ANY_SIZE))
		{
			in_check = 0;
			return result;
		}
		if (verdict_typing(&key))
		{
			slots.typing = verdict_slot(&key, 1, key.chunk.size);
			if (verdict_reuse(slots.typing, &key, 1, key.chunk.size))
			{
				in_check = 0;
				return result;
			}
		}
	}
	check_with_runtime((uintptr_t)result, &key, rt, &slots, caller);
	in_check = 0;
	return result;
}

/* Reads verbosity for site_type_answers. */
static __attribute__((noinline, cold)) void decide_site_type_answers(void)
{
	int saved_errno = errno;
	__atomic_store_n(&site_type_answers, __liballocs_c_option("verbosity", 0, 2) < 2, __ATOMIC_RELAXED);
	errno = saved_errno;
}

int checks_answered_without_runtime(void)
{
	return __atomic_load_n(&answered_without_runtime, __ATOMIC_RELAXED);
}

/* Whether key's check is an is_a of the very type the chunk's allocation site names, at the chunk's base (key's chunk is a
 * live small one with no suballocated chunk at its base): the runtime's verdict is then a pass whatever else it finds (the
 * chunk's type is that type, or an array of it, ChunkTypes.Of; its first object is one, and no typing decides inside a typed
 * site's head), so the C layer gives it without the runtime, which a process whose checks are all of this kind never
 * loads. Not for a site with a wrapper's header (the object is not at the base), nor for a chunk too small to hold one whole
 * object or, at an array site, holding a part of one (the runtime finds no type there). Uniqtypes are one per type in the
 * process (allocscc emits them as weak symbols of default visibility), so the same pointer is the same type; two copies of one
 * type (a library linked with symbols hidden) only miss this answer. */
static inline int site_type_is_target(const struct verdict_key *key)
{
	if (__builtin_expect(site_type_answers < 0, 0))
		decide_site_type_answers();
	if (!site_type_answers)
		return 0;
	const struct __liballocs_castsite *cast = key->site;
	const struct __liballocs_allocsite *s = key->chunk.site;
	const struct uniqtype *t = cast->target;
	if (cast->kind != LIBALLOCS_CHECK_IS_A || t == NULL || s == NULL || key->offset != 0 || !allocsite_trusted(s)
		|| s->type != t || s->header != 0 || (s->flags & LIBALLOCS_ALLOCSITE_F_INNER))
		return 0;
	unsigned long size = t->size;
	if (size == 0 || size == UNIQTYPE_SIZE_UNKNOWN || (t->flags & UNIQTYPE_F_INCOMPLETE) || key->chunk.size < size)
		return 0;
	return !(s->flags & LIBALLOCS_ALLOCSITE_F_ARRAY) || key->chunk.size % size == 0;
}

/* Whether a reused verdict answers the check of p against site (line as the entry point was given it) where p is the base
 * of a live small heap chunk, ahead of the points: an interpreter's or a database's checks are mostly on objects it made
 * since it last checked them, whose point would cost a cold line of the table only to miss, where the chunk's own header
 * and trailer lie beside the object the program goes on to use. The entry points ask only where the bitmap has a base at
 * p (heap_index_bit_set): any other address costs them one bitmap word and goes on to the points. A thread with no
 * verdicts yet, or a check from a signal handler inside another, leaves it to check_miss. */
static __attribute__((noinline, flatten)) int chunk_base_answers(uintptr_t a, const struct __liballocs_castsite *site,
	unsigned line)
{
	if (site == NULL || in_check)
		return 0;
	in_check = 1;   /* as in check_miss: a signal handler's check must not rewrite the verdicts read here */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	struct verdict_key key;
	verdict_key_begin(&key, site, line, a, 1);
	int answered = 0;
	/* A chunk marked to hold suballocated chunks is left to check_miss (verdict_chunk), which asks the suballocation index. */
	if (heap_index_base_for_check((const void *)a, &key.chunk, &key.marks) == 0
		&& !((key.marks & LOOKUP_HOLDS_SUBALLOC) && __atomic_load_n(&suballoc_recorded, __ATOMIC_RELAXED) != 0))
	{
		verdict_key_heap(&key, a);
		if (site_type_is_target(&key))
		{
			/* Counted, and a fact made, as a reuse of the runtime's verdict for it would (it made a fact of its pass). */
			register_hits();
			__liballocs_count_cache_hit();
			publish_reused_fact(&key, 0);
			if (!__atomic_load_n(&answered_without_runtime, __ATOMIC_RELAXED))
				__atomic_store_n(&answered_without_runtime, 1, __ATOMIC_RELAXED);
			answered = 1;
		}
		else if (verdicts != NULL)
		{
			/* A verdict that records a typing asks the inferred index, whose typing, when it holds the address already, is
			 * better answered by its point: left to the points and check_miss, which asks the two slots in the same order (so
			 * a sized verdict that infers is never passed over for the any-size one). */
			const struct reused_verdict *v = verdict_slot(&key, 0, key.chunk.size);
			if (!(v->kind & VERDICT_INFERS) && !(answered = verdict_reuse(v, &key, 0, key.chunk.size)))
			{
				v = verdict_slot(&key, 0, ANY_SIZE);
				answered = !(v->kind & VERDICT_INFERS) && verdict_reuse(v, &key, 0, ANY_SIZE);
			}
		}
	}
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	in_check = 0;
	return answered;
}

/* Whether this thread's points answer the check of p against site (a thread with no points yet, or a check from a signal
 * handler inside another, leaves it to check_miss). */
static inline __attribute__((always_inline)) int points_answer(const volatile void *p, const struct __liballocs_castsite *site)
{
	return site != NULL && points != NULL && !in_check && point_answers((uintptr_t)p, site);
}

LIBALLOCS_EXPORT void *__liballocs_check_slow(const volatile void *p, const struct __liballocs_castsite *site)
{
	if ((heap_index_bit_set((uintptr_t)p) && chunk_base_answers((uintptr_t)p, site, 0)) || points_answer(p, site))
		return (void *)(uintptr_t)p;
	return check_miss(p, site, 0, __builtin_return_address(0));
}

/* Casts inside macro definitions name the line of each use (__LINE__ at the expansion): one
 * castsite copy per (site, line), made on first use and kept for the life of the process, so the
 * runtime sees ordinary castsites and reports and deduplicates per use. */
struct line_site
{
	struct line_site *next;
	const struct __liballocs_castsite *original;
	struct __liballocs_castsite copy;
};

#define LINE_SITE_BUCKETS 256
static struct line_site *line_sites[LINE_SITE_BUCKETS];
static pthread_mutex_t line_sites_lock = PTHREAD_MUTEX_INITIALIZER;

/* The copy for (site, line) in a bucket's list, or null. Lock-free: entries are only ever prepended, published with release. */
static struct line_site *line_site_find(struct line_site *const *bucket, const struct __liballocs_castsite *site, unsigned line)
{
	struct line_site *s = __atomic_load_n(bucket, __ATOMIC_ACQUIRE);
	while (s && !(s->original == site && s->copy.line == line))
		s = s->next;
	return s;
}

static const struct __liballocs_castsite *site_at_line(const struct __liballocs_castsite *site, unsigned line)
{
	if (line == 0 || line == site->line)
		return site;
	struct line_site **bucket = &line_sites[(((uintptr_t)site >> 4) ^ (line * 2654435761u)) % LINE_SITE_BUCKETS];
	struct line_site *s = line_site_find(bucket, site, line);
	if (s)
		return &s->copy;
	pthread_mutex_lock(&line_sites_lock);
	if ((s = line_site_find(bucket, site, line)) == NULL && (s = malloc(sizeof *s)) != NULL)
	{
		s->original = site;
		s->copy = *site;
		s->copy.line = line;
		s->copy.column = 0;   /* unknown: __LINE__ has no column */
		s->next = *bucket;
		__atomic_store_n(bucket, s, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&line_sites_lock);
	return s ? &s->copy : site;
}

LIBALLOCS_EXPORT void *__liballocs_check_slow_at_line(const volatile void *p,
	const struct __liballocs_castsite *site, unsigned line)
{
	if ((heap_index_bit_set((uintptr_t)p) && chunk_base_answers((uintptr_t)p, site, line)) || points_answer(p, site))
		return (void *)(uintptr_t)p;
	return check_miss(p, site, line, __builtin_return_address(0));
}
