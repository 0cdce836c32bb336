/* check_slow.c: the slow path of cast checks: reused verdicts, else the C# runtime; caches what it confirmed. */
/*
 * The inline fast path (checks/include/liballocs_checks.h) answers from this thread's cache of
 * facts about addresses; a miss lands here. Most misses are checks on a chunk the thread has not
 * checked before, of a kind it has: an interpreter's new objects, a database's new records. So
 * first we find the heap chunk holding the address (the heap index, lock-free) and look up this
 * thread's table of reused verdicts by (cast site, the chunk's allocation site, its size, the
 * offset): when the runtime found a verdict that followed from the chunk's allocation site alone
 * (shim_api.h, struct __liballocs_rt_verdict), every such check has it, whatever the chunk. A
 * passing one counts as a cache hit; a failing one adds one to its distinct report's count (a
 * repeat is only counted, never printed again). Nothing about a verdict expires: the key holds
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
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "heap_index.h"

LIBALLOCS_EXPORT __thread struct __liballocs_check_fact __liballocs_check_cache[LIBALLOCS_CHECK_CACHE_SIZE]
	__attribute__((tls_model("initial-exec")));
LIBALLOCS_EXPORT __thread unsigned long __liballocs_check_cache_hits __attribute__((tls_model("initial-exec")));
LIBALLOCS_EXPORT unsigned long __liballocs_free_generation;

#define MAX_FRAMES 64

static __thread unsigned next_slot __attribute__((tls_model("initial-exec")));
static __thread int in_check __attribute__((tls_model("initial-exec")));
static __thread int hits_registered __attribute__((tls_model("initial-exec")));
static pthread_key_t hits_key;
static pthread_once_t hits_key_once = PTHREAD_ONCE_INIT;

void check_slow_abandoned(void)
{
	in_check = 0;
}

/* ---- verdicts reused per (cast site, allocation site, chunk size, offset) ---- */

/* Per thread, direct-mapped, mapped at a thread's first slow-path check (56 KiB). A thread's own table needs no
 * lock, and a signal handler's check cannot interleave with an update (in_check keeps it out). */
#define VERDICTS_LOG2 10
#define VERDICTS (1u << VERDICTS_LOG2)

struct reused_verdict
{
	const struct __liballocs_castsite *site;       /* as the fast path names it; null: empty slot */
	const struct __liballocs_allocsite *allocsite; /* the chunk's site */
	unsigned long size;                            /* the chunk's requested size in bytes */
	unsigned long offset;                          /* of the address from the chunk's base */
	unsigned long line;                            /* the use's line, for a cast in a macro's definition; else 0 */
	const struct __liballocs_allocsite *retype;    /* non-null: passes once the chunk is typed lazily with this site */
	long *failures;                                /* failed: the distinct report's count; null: passed */
};

static __thread struct reused_verdict *verdicts __attribute__((tls_model("initial-exec")));

/* The key of a check of address a: the live heap chunk holding it, with no suballocated chunk (live or freed) at a. 0 when
 * there is none: the runtime alone can answer. */
static int verdict_chunk(uintptr_t a, struct __liballocs_heap_chunk *chunk)
{
	if (__liballocs_heap_lookup((const void *)a, chunk) != 0)
		return 0;
	return __atomic_load_n(&suballoc_recorded, __ATOMIC_RELAXED) == 0 || !suballoc_overlaps((const void *)a, 1);
}

static struct reused_verdict *verdict_slot(const struct __liballocs_castsite *site, unsigned line,
	const struct __liballocs_heap_chunk *chunk, unsigned long offset)
{
	/* One multiply: sites are distinct addresses, sizes and offsets small numbers; the product's top bits mix them all. */
	uint64_t h = (uint64_t)(uintptr_t)site ^ ((uint64_t)(uintptr_t)chunk->site << 7) ^ ((uint64_t)chunk->size << 24)
		^ ((uint64_t)offset << 40) ^ ((uint64_t)line << 13);
	return &verdicts[(h * 0x9e3779b97f4a7c15ull) >> (64 - VERDICTS_LOG2)];
}

/* Answers the check from a reused verdict: 1 when one matched (counted), else 0. */
static int verdict_reuse(const struct reused_verdict *v, const struct __liballocs_castsite *site, unsigned line,
	const struct __liballocs_heap_chunk *chunk, unsigned long offset)
{
	if (v->site != site || v->allocsite != chunk->site || v->size != chunk->size || v->offset != offset || v->line != line)
		return 0;
	if (v->retype)
	{
		/* The lazy typing the runtime did in a chunk like this one, where no inferred typing says otherwise. */
		if (__liballocs_inferred_overlaps(chunk->base, chunk->size ? chunk->size : 1) != 0)
			return 0;
		__liballocs_heap_set_site((char *)chunk->base + offset, v->retype);
	}
	if (v->failures)
		__atomic_fetch_add(v->failures, 1, __ATOMIC_RELAXED);
	else
		__liballocs_check_cache_hits++;
	return 1;
}

/* Keeps the runtime's verdict on the check of chunk (looked up before the runtime ran) when it may be reused: the runtime
 * found it in the same chunk, with the same site and size. */
static void verdict_keep(struct reused_verdict *slot, const struct __liballocs_castsite *site, unsigned line,
	const struct __liballocs_heap_chunk *chunk, unsigned long offset, const struct __liballocs_rt_verdict *verdict, int failed)
{
	if (!verdict->reusable || verdict->allocsite != chunk->site || verdict->chunk_base != chunk->base
		|| verdict->chunk_size != chunk->size || (failed != 0) != (verdict->failures != NULL) || (failed && verdict->retype))
		return;
	slot->site = site;
	slot->allocsite = chunk->site;
	slot->size = chunk->size;
	slot->offset = offset;
	slot->line = line;
	slot->retype = verdict->retype;
	slot->failures = verdict->failures;
}

/* Thread exit: the thread's cache hits would die with its TLS; hand them to the runtime. */
static void flush_hits(void *unused)
{
	(void)unused;
	const struct rt_checks *rt = rt_checks_load();
	if (rt && __liballocs_check_cache_hits)
		rt->add_cache_hits(__liballocs_check_cache_hits);
	__liballocs_check_cache_hits = 0;
	struct reused_verdict *table = verdicts;
	verdicts = NULL;
	if (table)
		munmap(table, VERDICTS * sizeof *table);
}

/* Writes a fact into this thread's cache so that a signal handler's fast path, which may run
 * between any two stores, never sees a mix of old and new fields: the key (which every match
 * needs) is cleared first and set last. */
static void publish_fact(struct __liballocs_check_fact *slot, const struct __liballocs_check_fact *fact)
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
}

static void make_hits_key(void)
{
	pthread_key_create(&hits_key, flush_hits);
}

static const struct __liballocs_castsite *site_at_line(const struct __liballocs_castsite *site, unsigned line);

/* Checks a with the runtime, the caches having missed: keeps the verdict in slot when it may be reused (slot null: no heap
 * chunk to key it by), the fact in this thread's cache. Never inlined: a new report's stack, captured here, starts two frames up
 * (frames[0] here, frames[1] the entry point, then the function with the cast). Leaves errno as it found it: a check may read
 * files (symbols, mappings), and a program reading errno after a cast (bzip2recover tests it at EOF without clearing it first)
 * must see its own value. */
static __attribute__((noinline, noclone)) void check_with_runtime(uintptr_t a, const struct __liballocs_castsite *site,
	unsigned line, const struct rt_checks *rt, struct reused_verdict *slot, const struct __liballocs_heap_chunk *chunk,
	unsigned long offset)
{
	int saved_errno = errno;
	const struct __liballocs_castsite *checked = line ? site_at_line(site, line) : site;
	unsigned long generation = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
	struct __liballocs_check_fact fact = { 0, 0, 0, NULL, 0, 0 };
	struct __liballocs_rt_verdict verdict = { 0, NULL, NULL, 0, NULL, NULL };
	int result_code = rt->check((const void *)a, checked, NULL, 0, &fact, &verdict);
	if (slot && (result_code == 0 || result_code == 1 || result_code == 3))
		verdict_keep(slot, site, line, chunk, offset, &verdict, result_code != 0);
	if (result_code == 0 && fact.key != NULL)
	{
		if (fact.key == (const void *)checked)
			fact.key = site;   /* keyed by the castsite itself (incomplete target) */
		fact.generation = generation;
		publish_fact(&__liballocs_check_cache[next_slot++ % LIBALLOCS_CHECK_CACHE_SIZE], &fact);
	}
	else if (result_code == 3)
	{
		/* A new report: now the stack is worth capturing (the fast path is always inlined into the function with the cast). */
		void *frames[MAX_FRAMES];
		int n = backtrace(frames, MAX_FRAMES);
		rt->report_pending(frames + 2, n > 2 ? (unsigned)(n - 2) : 0u);
	}
	errno = saved_errno;
}

/* The slow path, inlined into each entry point. `site` is the castsite the fast path looks facts up by; `line` (0: the site's
 * own) the line of a macro's use, for which the runtime checks and reports a per-line copy of the site (see site_at_line). */
static inline __attribute__((always_inline)) void *check_slow(const volatile void *p, const struct __liballocs_castsite *site,
	unsigned line)
{
	void *result = (void *)(uintptr_t)p;
	/* A check from inside a check (a signal handler, say) is not checked. */
	if (in_check || site == NULL)
		return result;
	const struct rt_checks *rt = rt_checks_loaded();
	if (rt == NULL)
	{
		int saved_errno = errno;   /* loading the runtime opens files */
		rt = rt_checks_load();
		errno = saved_errno;
		if (rt == NULL)
			return result;
	}
	in_check = 1;
	if (!hits_registered)
	{
		pthread_once(&hits_key_once, make_hits_key);
		pthread_setspecific(hits_key, (void *)1);   /* non-null, so flush_hits runs */
		hits_registered = 1;
		verdicts = index_map_zeroed(VERDICTS * sizeof *verdicts);
	}
	if (line == site->line)
		line = 0;
	struct __liballocs_heap_chunk chunk;
	struct reused_verdict *slot = NULL;
	unsigned long offset = 0;
	if (verdicts && verdict_chunk((uintptr_t)result, &chunk))
	{
		offset = (unsigned long)((uintptr_t)result - (uintptr_t)chunk.base);
		slot = verdict_slot(site, line, &chunk, offset);
		if (verdict_reuse(slot, site, line, &chunk, offset))
		{
			in_check = 0;
			return result;
		}
	}
	check_with_runtime((uintptr_t)result, site, line, rt, slot, &chunk, offset);
	in_check = 0;
	return result;
}

LIBALLOCS_EXPORT void *__liballocs_check_slow(const volatile void *p, const struct __liballocs_castsite *site)
{
	return check_slow(p, site, 0);
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
	return check_slow(p, site, line);
}
