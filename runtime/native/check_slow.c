/* check_slow.c: the slow path of cast checks: asks the C# runtime, caches what it confirmed. */
/*
 * The inline fast path (checks/include/liballocs_checks.h) answers from this thread's cache of
 * facts; a miss lands here. We let the runtime check (capturing the caller's stack only when it
 * has a new report to write: a backtrace costs more than the check), and keep the fact it returns, stamped with the free generation read before the check began
 * (so a chunk freed while we checked can never leave a fact that looks current).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include "liballocs_c.h"

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

/* Thread exit: the thread's cache hits would die with its TLS; hand them to the runtime. */
static void flush_hits(void *unused)
{
	(void)unused;
	const struct rt_checks *rt = rt_checks_load();
	if (rt && __liballocs_check_cache_hits)
		rt->add_cache_hits(__liballocs_check_cache_hits);
	__liballocs_check_cache_hits = 0;
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

/* The slow path, inlined into each entry point so that a backtrace taken here starts in the entry
 * point, whose caller is the function with the cast. `site` is what the runtime checks and
 * reports; `cached_as` is the castsite the fast path looks facts up by (differs for a per-line
 * copy of a castsite in a macro, see below). */
static inline __attribute__((always_inline)) void *check_slow(const volatile void *p, const struct __liballocs_castsite *site,
	const struct __liballocs_castsite *cached_as)
{
	void *result = (void *)(uintptr_t)p;
	const struct rt_checks *rt;
	/* A check from inside a check (a signal handler, say) is not checked. */
	if (in_check || site == NULL || (rt = rt_checks_load()) == NULL)
		return result;
	in_check = 1;
	if (!hits_registered)
	{
		pthread_once(&hits_key_once, make_hits_key);
		pthread_setspecific(hits_key, (void *)1);   /* non-null, so flush_hits runs */
		hits_registered = 1;
	}
	unsigned long generation = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
	struct __liballocs_check_fact fact = { 0, 0, 0, NULL, 0, 0 };
	int result_code = rt->check(result, site, NULL, 0, &fact);
	if (result_code == 0 && fact.key != NULL)
	{
		if (fact.key == (const void *)site)
			fact.key = cached_as;   /* keyed by the castsite itself (incomplete target) */
		fact.generation = generation;
		publish_fact(&__liballocs_check_cache[next_slot++ % LIBALLOCS_CHECK_CACHE_SIZE], &fact);
	}
	else if (result_code == 3)
	{
		/* A new report: now the stack is worth capturing. frames[0] is this function; the
		 * caller is the function that contains the cast (the fast path is always inlined). */
		void *frames[MAX_FRAMES];
		int n = backtrace(frames, MAX_FRAMES);
		rt->report_pending(frames + 1, n > 1 ? (unsigned)(n - 1) : 0u);
	}
	in_check = 0;
	return result;
}

/* Both entry points leave errno as they found it: the first check loads the runtime, and a check
 * may read files (symbols, mappings); a program reading errno after a cast (bzip2recover tests it
 * at EOF without clearing it first) must see its own value. */
LIBALLOCS_EXPORT void *__liballocs_check_slow(const volatile void *p, const struct __liballocs_castsite *site)
{
	int saved_errno = errno;
	void *result = check_slow(p, site, site);
	errno = saved_errno;
	return result;
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

static const struct __liballocs_castsite *site_at_line(const struct __liballocs_castsite *site, unsigned line)
{
	if (line == 0 || line == site->line)
		return site;
	unsigned bucket = (unsigned)(((uintptr_t)site >> 4) ^ (line * 2654435761u)) % LINE_SITE_BUCKETS;
	const struct __liballocs_castsite *found = site;
	pthread_mutex_lock(&line_sites_lock);
	struct line_site *s = line_sites[bucket];
	while (s && !(s->original == site && s->copy.line == line))
		s = s->next;
	if (s == NULL && (s = malloc(sizeof *s)) != NULL)
	{
		s->original = site;
		s->copy = *site;
		s->copy.line = line;
		s->copy.column = 0;   /* unknown: __LINE__ has no column */
		s->next = line_sites[bucket];
		line_sites[bucket] = s;
	}
	if (s)
		found = &s->copy;
	pthread_mutex_unlock(&line_sites_lock);
	return found;
}

LIBALLOCS_EXPORT void *__liballocs_check_slow_at_line(const volatile void *p,
	const struct __liballocs_castsite *site, unsigned line)
{
	if (site == NULL)
		return (void *)(uintptr_t)p;
	int saved_errno = errno;
	void *result = check_slow(p, site_at_line(site, line), site);
	errno = saved_errno;
	return result;
}
