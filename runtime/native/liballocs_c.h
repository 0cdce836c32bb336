/* liballocs_c.h: the functions libliballocs.so exports besides the contract's (allocs.h,
 * liballocs_meta.h): the implementations behind struct __liballocs_shim_api, exported so that
 * tests and tools can call them directly. The C# runtime never links against these names; it
 * receives them through the table (see shim_api.h for why).
 */
#ifndef LIBALLOCS_C_H
#define LIBALLOCS_C_H

#include <errno.h>
#include "shim_api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a definition as part of the shared object's interface (everything else is hidden). */
#define LIBALLOCS_EXPORT __attribute__((visibility("default")))

/* Defines constructor NAME running BODY(void) and leaving errno as it found it: the program
 * finds errno at 0 in main, as without us, and some read it without clearing it first
 * (bzip2recover tests it at EOF). */
#define LIBALLOCS_CONSTRUCTOR(name, body) \
	__attribute__((constructor)) static void name(void) \
	{ \
		int saved_errno_ = errno; \
		body(); \
		errno = saved_errno_; \
	}

/* 1 when the process runs under Valgrind (its preload objects in LD_PRELOAD): the malloc
 * interposers pass straight through and the C# runtime is not loaded. Decided at the first call
 * once libc has set up the environment (malloc_interposers.c). */
int __liballocs_under_valgrind(void);

/* The value of option `key` in LIBALLOCS_OPTIONS (a decimal number at most `max`; with max 1, a flag,
 * also true or false), or `fallback` when it is absent or malformed; for the options the C layer needs before the C# runtime loads.
 * Does not allocate. */
unsigned long __liballocs_c_option(const char *key, unsigned long fallback, unsigned long max);

/* max_malloc_fill_size's and malloc_fill_byte's defaults (ASan's; checks/Options/OptionTable.cs has
 * the same, a test compares them): the first this many bytes of each new heap chunk that is not
 * calloc'd are set to the fill byte, 0xbe. */
#define LIBALLOCS_MAX_MALLOC_FILL_SIZE_DEFAULT 4096ul
#define LIBALLOCS_MALLOC_FILL_BYTE_DEFAULT 190ul

/* quarantine_size_mb's default (checks/Options/OptionTable.cs has the same; a test compares them):
 * MiB of freed heap chunks held back from reuse. */
#define LIBALLOCS_QUARANTINE_DEFAULT_MB 16ul

/* The quarantined (freed, not yet reused) small heap chunk containing p: 0 and *out (with
 * free_caller set), or -1. */
int __liballocs_heap_lookup_freed(const void *p, struct __liballocs_heap_chunk *out);

/* The freed suballocated chunk containing p, still listed (its memory not reused): 0 and *out, or -1. */
int __liballocs_suballoc_lookup_freed(const void *p, struct __liballocs_suballoc_chunk *out);

/* Chunks whose requested size is at least this many bytes live in the big-chunk table rather
 * than in the bitmap of chunk bases; the bitmap lookup scans back at most this far. */
#define LIBALLOCS_BIG_THRESHOLD (64ul << 10)

/* The live heap chunk containing p: returns 0 and fills *out (if out is non-null), or -1 when p
 * is in no live chunk. p == base of a zero-size chunk (malloc(0)) resolves to that chunk; a
 * pointer one past a chunk's last requested byte does not. Never dereferences p; any value is
 * accepted (null, wild, kernel, unmapped). Lock-free. -2 when p lies in a live small chunk whose metadata the program
 * overwrote: *out has its base, the usable bytes before the metadata as size, no site, the caller as read. */
int __liballocs_heap_lookup(const void *p, struct __liballocs_heap_chunk *out);

/* Calls cb for each live chunk whose base lies in [begin, end), in increasing address order,
 * until cb returns non-zero; returns that value, or 0 when every chunk was visited. Chunks
 * allocated or freed during the walk may or may not be visited. cb may allocate and free. */
int __liballocs_heap_walk(const void *begin, const void *end,
	int (*cb)(const struct __liballocs_heap_chunk *chunk, void *arg), void *arg);

/* Head of the registered translation units, newest first, linked through ->next; null when
 * none. Entries are never removed, so the list can be walked without locking. */
struct __liballocs_tu_meta *__liballocs_tu_list(void);

/* Sets SITE_FACTS_FLAG on the live chunk based at p (see heap_index.h); no effect otherwise. */
void __liballocs_heap_mark_facts(const void *p);

/* The free generation of p's region (64 KiB, aliased modulo 4096 regions): bumped whenever a chunk some cached check fact was
 * derived from, lying in that region, is freed, reallocated or retyped. The second level of the fact cache keeps a point
 * valid while its region's generation stays the same (check_slow.c). For tests and diagnostics. */
unsigned long __liballocs_fact_region_generation(const void *p);

/* The suballocated chunk containing p (the one based at p for a zero-size chunk): returns 0 and
 * fills *out (if non-null), or -1. Never dereferences p; any value is accepted. Lock-free (gives
 * up, answering -1, when writers keep the index busy for milliseconds). */
int __liballocs_suballoc_lookup(const void *p, struct __liballocs_suballoc_chunk *out);

/* Calls cb for each suballocated chunk whose base lies in [begin, end), in increasing address
 * order, until cb returns non-zero; returns that value, or 0. Chunks recorded or forgotten during
 * the walk may or may not be visited. cb may call anything, the suballoc_* entry points included. */
int __liballocs_suballoc_walk(const void *begin, const void *end,
	int (*cb)(const struct __liballocs_suballoc_chunk *chunk, void *arg), void *arg);

/* Sets the site of the suballocated chunk based at p (keeping its facts mark); returns p. No
 * effect when p is not a recorded chunk's base. */
void *__liballocs_suballoc_set_site(void *p, const struct __liballocs_allocsite *site);

/* Marks the suballocated chunk based at p as the source of a cached check fact (as
 * __liballocs_heap_mark_facts); no effect when p is not a recorded chunk's base. */
void __liballocs_suballoc_mark_facts(const void *p);

/* The typing the check runtime inferred for heap memory containing p (inferred_index.c): 0 and *out
 * (arena and free_caller null), -1 when none, -2 when writers kept the index busy (nothing is
 * known). Lock-free. An array typing (typings of whole objects of one site joined) is answered
 * whole: checks narrow it to the object holding p. */
int __liballocs_inferred_lookup(const void *p, struct __liballocs_suballoc_chunk *out);

/* Records that [p, p + size) holds an object of site's type, replacing the inferred typings it
 * overlaps; returns 0, 1 when it replaced some (the memory was typed otherwise), or -1 (nothing
 * recorded) when it would overlap a suballocated chunk, live or freed, size exceeds 64 KiB (a
 * typing's largest extent), writers kept the index busy, or no memory is left. */
int __liballocs_inferred_record(void *p, unsigned long size, const struct __liballocs_allocsite *site);

/* Marks the typing [p, p + size) of site, or the array typing holding it as one of its objects, as
 * the source of a cached check fact (as __liballocs_heap_mark_facts): 0, or -1 when no such typing
 * is recorded now (it was replaced) or the index was busy; the caller must then not cache the fact. */
int __liballocs_inferred_mark_facts(const void *p, unsigned long size, const struct __liballocs_allocsite *site);

/* Whether an inferred typing overlaps [p, p + size): 1 or 0; -2 when the index was busy. */
int __liballocs_inferred_overlaps(const void *p, unsigned long size);

/* The runtime's check entry points, loaded with the rest of the runtime. */
struct rt_checks
{
	__liballocs_rt_check_fn check;
	__liballocs_rt_report_pending_fn report_pending;
	__liballocs_rt_add_cache_hits_fn add_cache_hits;
	__liballocs_rt_at_exit_fn at_exit;
};
/* Hands the checks every thread's caches answered since the last hand-over to rt (at exit: threads still running too). */
__attribute__((visibility("hidden"))) void check_hits_hand_over(const struct rt_checks *rt);

/* In a fork's child: forgets the checks the parent made before the fork (this thread's uncounted cache hits, its reused
 * verdicts, the unanswered counts), so the child's totals are its own. */
__attribute__((visibility("hidden"))) void check_state_after_fork(void);

/* Marks this thread as inside the runtime while the C layer calls it outside a check (queries, hand-overs, the exit
 * summary), so that a signal handler's check there passes as an interrupted check instead of entering the runtime again or
 * taking a lock this thread holds: returns what to pass to checks_release, nonzero when the thread already was inside. */
__attribute__((visibility("hidden"))) int checks_hold(void);
__attribute__((visibility("hidden"))) void checks_release(int was);

/* Whether the C layer answered a check without the runtime (site_type_is_target in check_slow.c) in this process: the runtime
 * may never have loaded, so a malformed LIBALLOCS_OPTIONS was never reported. */
__attribute__((visibility("hidden"))) int checks_answered_without_runtime(void);

/* Forgets that this thread is inside a slow-path check (a longjmp left it). */
__attribute__((visibility("hidden"))) void check_slow_abandoned(void);

/* Loads the runtime if needed (the first caller loads it, others wait): 1 once loaded (or failed to, the reason printed), 0
 * when the calling thread is itself loading it (a signal handler interrupted the load). May change errno. */
__attribute__((visibility("hidden"))) int rt_load(void);

/* Loads the runtime if needed; null when it could not be loaded (the reason was printed) or is being loaded by the calling
 * thread. May change errno. */
__attribute__((visibility("hidden"))) const struct rt_checks *rt_checks_load(void);

/* The runtime's check entry points once rt_checks_load has loaded them, else null (read it atomically, with acquire): one
 * load on every slow-path check, no call. */
__attribute__((visibility("hidden"))) extern const struct rt_checks *rt_checks_ready;

/* Checks the C layer let pass without an answer, by cause, counted atomically (shim_api.h's checks_unanswered: the summary
 * counts them as unknown storage). */
enum unanswered_cause
{
	UNANSWERED_RUNTIME_NOT_READY,   /* the check interrupted the runtime's load on its own thread (a signal handler) */
	UNANSWERED_INTERRUPTED_CHECK,   /* the check interrupted another check on its own thread (a signal handler) */
	UNANSWERED_CAUSES
};
__attribute__((visibility("hidden"))) extern unsigned long checks_unanswered[UNANSWERED_CAUSES];

/* Newest live stack record of the calling thread (linked through ->prev), or null. */
struct __liballocs_stack_record *__liballocs_stack_top(void);

/* The shim table's stack_find (shim_api.h). */
int __liballocs_stack_find(const void *p, __UINTPTR_TYPE__ lo, __UINTPTR_TYPE__ hi, struct __liballocs_stack_record *out);
/* Where the dynamic linker loaded liballocs_rt.so (null until it is): frames of its code are the runtime's own. */
extern void *__liballocs_rt_base;

/* The shim table's stack_frame_of (shim_api.h). */
int __liballocs_stack_frame_of(const void *p, __UINTPTR_TYPE__ *base, __UINTPTR_TYPE__ *size, __UINTPTR_TYPE__ *ip);

/* Copies what the process started with (argv, envp, auxv, their strings) into *out; fields are
 * 0/null when unknown (e.g. when libliballocs.so was loaded by dlopen after start-up). */
void __liballocs_get_initial_stack(struct __liballocs_initial_stack *out);

#ifdef __cplusplus
}
#endif
#endif
