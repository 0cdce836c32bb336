/* shim_api.h: the contract between the runtime's C layer (libliballocs.so: malloc
 * interposition, heap index, metadata registry, stack records, initial stack) and the
 * NativeAOT C# runtime (liballocs_rt.so), which the C layer loads with dlopen on the first
 * query so that programs that never ask pay nothing for .NET.
 *
 * The C layer hands C# a table of function pointers rather than letting C# find C symbols by
 * name: the C layer may itself have been loaded RTLD_LOCAL, where dlsym(RTLD_DEFAULT) misses it.
 */
#ifndef LIBALLOCS_SHIM_API_H
#define LIBALLOCS_SHIM_API_H

#include "allocs.h"
#include "liballocs_meta.h"
#include "liballocs_checks.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIBALLOCS_SHIM_API_VERSION 11u   /* 2: heap_set_site, heap_mark_facts; 3: suballoc_*; 4: stack_find,
                                           heap_lookup_freed, heap chunk callers; 5: suballoc_lookup_freed,
                                           suballoc_recorded, suballoc chunk free_caller; 6: inferred_*;
                                           7: rt_check's verdict argument; 8: checks_unanswered,
                                           fork_generation, heap_lookup's -2; 9: stack_frame_of;
                                           10: rt_check's verdict records inferred typings;
                                           11: heap_region_of */

/* How the allocator beneath obtained a heap region (heap_region_of's answer). */
enum __liballocs_heap_region_kind
{
	LIBALLOCS_HEAP_REGION_NONE = 0,       /* no reported region holds the address */
	LIBALLOCS_HEAP_REGION_MORECORE = 1,   /* grown by its morecore: the contiguous heap (sbrk, or a morecore the program installed) */
	LIBALLOCS_HEAP_REGION_MAPPED = 2      /* mapped by it: a large chunk, another thread's arena */
};

/* One live heap chunk as the heap index knows it. */
struct __liballocs_heap_chunk
{
	void *base;                                  /* what malloc returned */
	unsigned long size;                          /* bytes the program asked for */
	const struct __liballocs_allocsite *site;    /* null when no instrumented site claimed it */
	const void *alloc_caller;                    /* return address of the malloc-family call */
	const void *free_caller;                     /* return address of the free (freed chunks only);
	                                                LIBALLOCS_FREE_CALLER_OVERWRITTEN when the program wrote over
	                                                the record of it after the free */
};
/* free_caller of a freed chunk whose record of its free the program overwrote (heap_index.h, chunk_free_caller): freed, by
 * an unknown call. Never a return address. */
#define LIBALLOCS_FREE_CALLER_OVERWRITTEN ((const void *)1)

/* One live suballocated chunk (liballocs_meta.h, __liballocs_suballoc_alloc) as the suballocator
 * index knows it. The first three fields are laid out as in struct __liballocs_heap_chunk. */
struct __liballocs_suballoc_chunk
{
	void *base;                                  /* what the suballocator returned */
	unsigned long size;                          /* bytes the program asked for */
	const struct __liballocs_allocsite *site;    /* null when no instrumented site is known */
	const void *arena;                           /* the pool/arena handle it was issued from */
	const void *free_caller;                     /* where it was freed (freed chunks only), else null */
};

/* The argument vector, environment and auxiliary vector the kernel put on the initial stack. */
struct __liballocs_initial_stack
{
	int argc;
	char **argv;                 /* argc + 1 pointers, the last null */
	char **envp;                 /* envc + 1 pointers, the last null */
	unsigned long envc;
	unsigned long *auxv;         /* pairs (type, value), ending with AT_NULL (0, 0) */
	unsigned long auxv_pairs;    /* pairs including the AT_NULL terminator */
	void *strings_begin;         /* lowest address of the argument/environment strings */
	void *strings_end;           /* one past the highest byte of them */
};

struct __liballocs_shim_api
{
	unsigned version;            /* LIBALLOCS_SHIM_API_VERSION */
	/* Innermost live chunk containing p (interior pointers resolve to the base).
	 * Returns 0 and fills *out, or -1 when p is in no live chunk. Never dereferences p. Version 8: -2 when the program
	 * overwrote the chunk's metadata (heap_index.h, CHUNK_CHECK_MASK): *out then has the base, the usable bytes before the
	 * metadata as size, no site, and the caller as read (perhaps damaged too). */
	int (*heap_lookup)(const void *p, struct __liballocs_heap_chunk *out);
	/* Calls cb for each live chunk whose base is in [begin, end), in address order, until cb
	 * returns non-zero; returns that value or 0. Chunks freed meanwhile may be skipped. */
	int (*heap_walk)(const void *begin, const void *end,
		int (*cb)(const struct __liballocs_heap_chunk *chunk, void *arg), void *arg);
	/* Head of the list of registered TUs, newest first (stable: entries are never removed). */
	struct __liballocs_tu_meta *(*tu_list)(void);
	/* Newest live stack record of the calling thread, or null. */
	struct __liballocs_stack_record *(*stack_top)(void);
	/* Fills *out with what the process started with; fields are 0 when unknown. */
	void (*initial_stack)(struct __liballocs_initial_stack *out);
	/* Version 2. Sets the site of the live chunk based at p (how the runtime types memory
	 * lazily, with a site it makes); returns p, no effect when p is not a live chunk's base. */
	void *(*heap_set_site)(void *p, const struct __liballocs_allocsite *site);
	/* Notes that a cached check fact was derived from the live chunk based at p, so freeing or
	 * reallocating it bumps __liballocs_free_generation. No effect when p is not a chunk base. */
	void (*heap_mark_facts)(const void *p);
	/* Version 3: suballocated chunks, as the heap_* entries above. A suballocated chunk lies inside
	 * some other allocation (a heap chunk, a static, a local) and is innermost: chunks never
	 * overlap one another. */
	/* The chunk containing p (p == base of a zero-size chunk included): 0 and *out, or -1. */
	int (*suballoc_lookup)(const void *p, struct __liballocs_suballoc_chunk *out);
	/* Calls cb for each chunk whose base is in [begin, end), in address order, until cb returns
	 * non-zero; returns that value or 0. */
	int (*suballoc_walk)(const void *begin, const void *end,
		int (*cb)(const struct __liballocs_suballoc_chunk *chunk, void *arg), void *arg);
	/* Sets the site of the chunk based at p, keeping its facts mark; returns p. */
	void *(*suballoc_set_site)(void *p, const struct __liballocs_allocsite *site);
	/* Marks the chunk based at p as the source of a cached fact: forgetting it (free, release, an
	 * overlapping new chunk, the death of the heap chunk holding it) bumps
	 * __liballocs_free_generation. */
	void (*suballoc_mark_facts)(const void *p);
	/* Version 4. The latest activation of a live local containing p: first the calling thread's
	 * records, then, when lo < hi, other threads' records that lie in [lo, hi) (the stack mapping
	 * holding p). Copies the record into *out and returns 1; 0 when none; -1 when another thread's
	 * list could not be read consistently (it kept changing, or the registry was busy). */
	int (*stack_find)(const void *p, __UINTPTR_TYPE__ lo, __UINTPTR_TYPE__ hi, struct __liballocs_stack_record *out);
	/* Version 4. The freed small chunk containing p that waits in the quarantine (not yet reused):
	 * 0 and *out (free_caller set), or -1. */
	int (*heap_lookup_freed)(const void *p, struct __liballocs_heap_chunk *out);
	/* Version 5. The freed suballocated chunk containing p whose memory no new chunk has reused yet:
	 * 0 and *out (free_caller set), or -1. */
	int (*suballoc_lookup_freed)(const void *p, struct __liballocs_suballoc_chunk *out);
	/* Version 5. How many suballocated chunks have ever been recorded: while 0, no search of the
	 * suballocator index can find anything (a read, cheaper than a call). */
	const unsigned long *suballoc_recorded;
	/* Version 6. Typings the check runtime inferred for heap memory no allocation site typed
	 * (inferred_index.c: they die with their heap chunk, and no suballoc_* or heap_* call sees them).
	 * The typing containing p: 0 and *out (arena and free_caller null), -1 when none, -2 when the
	 * index was too busy to tell. */
	int (*inferred_lookup)(const void *p, struct __liballocs_suballoc_chunk *out);
	/* Version 6. Records [p, p + size) as typed by site, replacing the typings it overlaps: 0, 1 when
	 * it replaced some, or -1 when it would overlap a suballocated chunk (live or freed), size exceeds 64 KiB, the index was
	 * busy or no memory is left. */
	int (*inferred_record)(void *p, unsigned long size, const struct __liballocs_allocsite *site);
	/* Version 6. Marks the typing [p, p + size) of site as the source of a cached fact: forgetting it
	 * (a typing replacing it, its heap chunk's death) bumps __liballocs_free_generation. 0, or -1
	 * when that typing is gone or the index was busy (then the fact must not be cached). */
	int (*inferred_mark_facts)(const void *p, unsigned long size, const struct __liballocs_allocsite *site);
	/* Version 6. Whether a typing overlaps [p, p + size): 1 or 0, -2 when the index was busy. */
	int (*inferred_overlaps)(const void *p, unsigned long size);
	/* Version 8. Checks the C layer passed without asking the runtime, by cause, each counted atomically: [0] a check that
	 * interrupted the runtime's own load on its thread (a signal handler), [1] a check that interrupted another check on its
	 * thread (a signal handler). Both pass and count as unknown storage. */
	const unsigned long *checks_unanswered;
	/* Version 8. How many forks this process descends from (the C layer's pthread_atfork child handler adds one, and forgets
	 * what the parent counted): a runtime entered with a value it has not seen runs in a new child, whose totals and reports
	 * start afresh, its log at log_path.<its pid>. */
	const unsigned long *fork_generation;
	/* Version 8. The calling thread leaves the check it is in without returning (the runtime ends the process from inside
	 * it, halt_on_error): later checks and queries on it, from atexit handlers and destructors, are not nested in it. */
	void (*check_abandoned)(void);
	/* Version 9. The live frame of the calling thread containing p, found by unwinding (the frames' CFI, libgcc's unwinder):
	 * 1 with its lowest address in *base, its size in *size and its code address in *ip; 0 when p lies in no frame the
	 * unwinder walks (another thread's stack, memory below the stack pointer, no unwind information). */
	int (*stack_frame_of)(const void *p, __UINTPTR_TYPE__ *base, __UINTPTR_TYPE__ *size, __UINTPTR_TYPE__ *ip);
	/* Version 11. The region of the heap holding p, as the allocator beneath reported it (heap_regions.h): 1 when its
	 * morecore grew it, 2 when it mapped it, with the region's first byte in *start and its length in bytes in *length; 0
	 * when no reported region holds p (the allocator beneath reports none, as glibc's own). */
	int (*heap_region_of)(const void *p, __UINTPTR_TYPE__ *start, __UINTPTR_TYPE__ *length);
};

/* What rt_check answers (below). */
enum __liballocs_check_result
{
	LIBALLOCS_CHECK_RESULT_PASSED = 0,           /* the check passed */
	LIBALLOCS_CHECK_RESULT_FAILED = 1,           /* the check failed (reported, repeated or suppressed) */
	LIBALLOCS_CHECK_RESULT_UNKNOWN_STORAGE = 2,  /* the memory has no type information: passed, counted apart */
	LIBALLOCS_CHECK_RESULT_REPORT_PENDING = 3    /* the check failed and a new report waits for the caller's stack
	                                                (__liballocs_rt_report_pending): stacks are captured only for reports */
};

/* Where a verdict of the runtime holds again (struct __liballocs_rt_verdict's `reusable`). */
enum __liballocs_verdict_reuse
{
	LIBALLOCS_VERDICT_REUSE_NONE = 0,     /* nowhere: the rest of the verdict is unset */
	LIBALLOCS_VERDICT_REUSE_HEAP = 1,     /* in heap chunks of the same site and size, at the same offset */
	LIBALLOCS_VERDICT_REUSE_LOCAL = 2,    /* in activations of the same local */
	LIBALLOCS_VERDICT_REUSE_STATIC = 3    /* at the same address in static storage */
};

/* What the runtime says of a check's verdict (rt_check's last argument, may be null): whether every later check of the same
 * cast site into a live heap chunk of the same allocation site and requested size, at the same offset from its base, has the
 * same verdict. It has when the verdict followed from the chunk's site alone (its type, not a lazy guess being refined, no
 * inferred typing, nothing suballocated at the address), or when the check typed an untyped chunk lazily (then the verdict
 * holds once the chunk is typed the same way, where no inferred typing lies in it), or when it passed inside an inferred
 * typing (then the key is the typing's site, size and the offset into it, below). A verdict in a local's activation is keyed
 * by the local instead, one in static storage by its address (`reusable`). The C layer then answers those checks itself
 * (check_slow.c), never entering the runtime; it never learns of an object's unloading (dlclose), so a static verdict
 * outlives it, as a static fact of the check cache does. Filled on every return. */
struct __liballocs_rt_verdict
{
	int reusable;                                   /* enum __liballocs_verdict_reuse. NONE: the rest is unset; HEAP: in heap
	                                                   chunks as described; LOCAL: in activations of a local, the calling
	                                                   thread's: allocsite is then the local's descriptor (a struct
	                                                   __liballocs_local_desc *), chunk_base and chunk_size the activation's
	                                                   address and size; STATIC: at this very address in static storage (a
	                                                   function or a global of a loaded object, whose type is its
	                                                   declaration's while the object stays loaded): chunk_base is the
	                                                   address, allocsite null, chunk_size 0 */
	int any_size;                                   /* 1: in heap chunks of the site of any size (the address lies
	                                                   before the flexible array member the site's type ends in) */
	const struct __liballocs_allocsite *allocsite;  /* the chunk's site (null: a chunk no site claimed) */
	const void *chunk_base;                         /* the heap chunk the verdict was found in */
	unsigned long chunk_size;                       /* its requested size in bytes */
	const struct __liballocs_allocsite *retype;     /* non-null: the check set the chunk's site to this (a lazy typing);
	                                                   a reuse sets it the same way (heap_set_site) before passing */
	long *failures;                                 /* failed: the distinct report's count, to increment (atomically)
	                                                   per repeat; null when the check passed */
	/* Non-null typing_site: the check passed inside an inferred typing [typing_base, + typing_size) of typing_site, and so
	 * does every check of the same cast site into a typing of that site and size at the same offset from its base, in a chunk
	 * as above, at an offset from its base of at least typing_from, the typing lying there too (the runtime asks the typings
	 * from there on: an untyped chunk's object, or past a typed head). */
	const struct __liballocs_allocsite *typing_site;
	const void *typing_base;
	unsigned long typing_size;
	unsigned long typing_from;
	/* Non-null infer_site: the check recorded an inferred typing of infer_site, infer_extent bytes from the checked address,
	 * where no typing held it (with typing_site: replacing that typing), and so does every check the verdict covers; a reuse
	 * records the same (inferred_record; the extent fits in the chunk) and then ends as the check did: passed when the
	 * typing replaced none and infer_passes_when_clean is 1, else unknown storage, counted in *unknowns (this cast site's
	 * count for the cause) and *unknown_total. Each typing recorded counts in *typings_inferred. Counts are incremented
	 * atomically; the runtime keeps the cells for the life of the process. */
	const struct __liballocs_allocsite *infer_site;
	unsigned long infer_extent;
	unsigned long infer_passes_when_clean;
	long *unknowns;
	long *unknown_total;
	long *typings_inferred;
};

/* The entry points liballocs_rt.so (C#) exports, by the names the C layer looks up (runtime/Exports.cs exports each under
 * the name generated from this table: RtEntryText in Liballocs.Contract). */
#define LIBALLOCS_RT_ENTRIES(X) \
	X(INIT,              0, "__liballocs_rt_init") \
	X(GET_INFO,          1, "__liballocs_rt_get_info") \
	X(UNIQTYPE_BY_NAME,  2, "__liballocs_rt_uniqtype_by_name") \
	X(CHECK,             3, "__liballocs_rt_check") \
	X(REPORT_PENDING,    4, "__liballocs_rt_report_pending") \
	X(ADD_CACHE_HITS,    5, "__liballocs_rt_add_cache_hits") \
	X(AT_EXIT,           6, "__liballocs_rt_at_exit")

/* Exported by liballocs_rt.so (C#). */
typedef void (*__liballocs_rt_init_fn)(const struct __liballocs_shim_api *api);
/* Fills *out for the allocation `level` levels above the innermost one containing obj;
 * returns 0, or -1 when unknown. */
typedef int (*__liballocs_rt_get_info_fn)(const void *obj, unsigned level, struct alloc_info *out);
typedef const struct uniqtype *(*__liballocs_rt_uniqtype_by_name_fn)(const char *name);
/* Checks p against site (frames: return addresses of the checking code's callers, innermost
 * first). Returns an enum __liballocs_check_result: REPORT_PENDING only when frames is null, so that only reports pay for a
 * backtrace; the caller then captures the stack and calls __liballocs_rt_report_pending. On 0, may fill *fact with a fact for
 * the calling thread's cache (fact->key null when nothing may be cached); for a fact about a heap
 * chunk the runtime has already called heap_mark_facts (suballoc_mark_facts for a suballocated one). The C layer sets fact->generation.
 * Fills *verdict (when non-null) as described above. */
typedef int (*__liballocs_rt_check_fn)(const void *p, const struct __liballocs_castsite *site,
	void *const *frames, unsigned nframes, struct __liballocs_check_fact *fact, struct __liballocs_rt_verdict *verdict);
/* Writes the report the calling thread's last check left pending (it returned LIBALLOCS_CHECK_RESULT_REPORT_PENDING). */
typedef void (*__liballocs_rt_report_pending_fn)(void *const *frames, unsigned nframes);
/* Adds checks answered by a thread's cache to the totals (at thread exit). */
typedef void (*__liballocs_rt_add_cache_hits_fn)(unsigned long hits);
/* Prints the exit summary when the options ask for it (registered with atexit). */
typedef void (*__liballocs_rt_at_exit_fn)(void);


#ifdef __cplusplus
}
#endif
#endif
