/* api.c: the public liballocs API (allocs.h), forwarded to the C# runtime liballocs_rt.so loaded on first use. */
/*
 * Programs that never ask pay nothing for .NET: the runtime is dlopen'd once, by the first query
 * (rt_load). It lives beside libliballocs.so (or where LIBALLOCS_RT says), and receives
 * the C layer's function table through __liballocs_rt_init. If it cannot be loaded we say so
 * once on stderr and answer "unknown" from then on.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "heap_index.h"
#include "heap_regions.h"

#define RT_NAME "liballocs_rt.so"

static unsigned long fork_generation;   /* forks this process descends from since the runtime's C layer loaded */

static const struct __liballocs_shim_api shim_api = {
	.version = LIBALLOCS_SHIM_API_VERSION,
	.heap_lookup = __liballocs_heap_lookup,
	.heap_walk = __liballocs_heap_walk,
	.tu_list = __liballocs_tu_list,
	.stack_top = __liballocs_stack_top,
	.initial_stack = __liballocs_get_initial_stack,
	.heap_set_site = __liballocs_heap_set_site,
	.heap_mark_facts = __liballocs_heap_mark_facts,
	.suballoc_lookup = __liballocs_suballoc_lookup,
	.suballoc_walk = __liballocs_suballoc_walk,
	.suballoc_set_site = __liballocs_suballoc_set_site,
	.suballoc_mark_facts = __liballocs_suballoc_mark_facts,
	.stack_find = __liballocs_stack_find,
	.heap_lookup_freed = __liballocs_heap_lookup_freed,
	.suballoc_lookup_freed = __liballocs_suballoc_lookup_freed,
	.suballoc_recorded = &suballoc_recorded,
	.inferred_lookup = __liballocs_inferred_lookup,
	.inferred_record = __liballocs_inferred_record,
	.inferred_mark_facts = __liballocs_inferred_mark_facts,
	.inferred_overlaps = __liballocs_inferred_overlaps,
	.checks_unanswered = checks_unanswered,
	.fork_generation = &fork_generation,
	.check_abandoned = check_slow_abandoned,
	.stack_frame_of = __liballocs_stack_frame_of,
	.heap_region_of = heap_region_of,
};

unsigned long checks_unanswered[UNANSWERED_CAUSES];
void *__liballocs_rt_base;

enum { LOAD_NOT_BEGUN, LOAD_RUNNING, LOAD_DONE };
static int load_state;
static __thread int loading_here __attribute__((tls_model("initial-exec")));
const struct rt_checks *rt_checks_ready;

/* The runtime's entry points, named once (shim_api.h's LIBALLOCS_RT_ENTRIES). */
enum rt_entry
{
#define RT_ENTRY_ENUM(name, index, text) RT_ENTRY_##name = index,
	LIBALLOCS_RT_ENTRIES(RT_ENTRY_ENUM)
#undef RT_ENTRY_ENUM
};
static const char *const rt_entry_names[] = {
#define RT_ENTRY_NAME(name, index, text) [RT_ENTRY_##name] = text,
	LIBALLOCS_RT_ENTRIES(RT_ENTRY_NAME)
#undef RT_ENTRY_NAME
};

static __liballocs_rt_get_info_fn rt_get_info;
static __liballocs_rt_uniqtype_by_name_fn rt_uniqtype_by_name;
static struct rt_checks rt_checks;

/* Adds the cache hits of every thread still running (those that exited added theirs) and prints the summary. */
static void rt_at_exit(void)
{
	static int done;   /* once, though a load at exit (load_at_exit_if_asked) registers it while handlers run */
	if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL) || rt_checks.at_exit == NULL)
		return;   /* ran already, or a fork's child whose load another thread left unfinished */
	check_hits_hand_over(&rt_checks);
	int held = checks_hold();
	rt_checks.at_exit();
	checks_release(held);
}

/* print_summary=1 and help=1 hold in every process: one that never loaded the runtime (it ran no check, or the C layer
 * answered every one) loads it at exit for them (and prints a summary, or the help). A process with no instrumented code
 * (the C layer preloaded into every process of a test run, to sit above glibc's allocator built standalone) has no checks to
 * sum up: it prints the help only. One whose checks the C layer answered also loads it when LIBALLOCS_OPTIONS is given, so
 * that the runtime's table reads it as in any other process (a malformed option is reported; a log is written). Registered
 * first, so it runs after every other handler. */
static void load_at_exit_if_asked(void)
{
	if (__atomic_load_n(&load_state, __ATOMIC_ACQUIRE) != LOAD_NOT_BEGUN || __liballocs_under_valgrind())
		return;
	int summary = __liballocs_c_option("print_summary", 0, 1) && __liballocs_tu_list() != NULL;
	const char *options = getenv("LIBALLOCS_OPTIONS");
	int options_unread = options != NULL && *options != '\0' && checks_answered_without_runtime();
	if (!summary && !options_unread && !__liballocs_c_option("help", 0, 1))
		return;
	if (rt_load() && rt_checks.check)
		rt_at_exit();
}

/* Our own directory, captured at load time: dladdr may report the path we were loaded by,
 * relative to the working directory at start-up, which the program may change later. */
static char self_dir[PATH_MAX];

static void capture_self_dir_body(void)
{
	Dl_info info;
	if (!dladdr((void *)capture_self_dir_body, &info) || info.dli_fname == NULL)
		return;
	char resolved[PATH_MAX];
	const char *path = realpath(info.dli_fname, resolved) ? resolved : info.dli_fname;
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		snprintf(self_dir, sizeof self_dir, ".");
	else if (slash == path)
		snprintf(self_dir, sizeof self_dir, "/");
	else
		snprintf(self_dir, sizeof self_dir, "%.*s", (int)(slash - path), path);
}
LIBALLOCS_CONSTRUCTOR(capture_self_dir, capture_self_dir_body)

static void load_runtime(void)
{
	/* The .NET runtime aborts during its start-up under Valgrind (as ASan-built programs cannot
	 * run there either): the program runs unchecked, said once on stderr. */
	if (__liballocs_under_valgrind())
	{
		fprintf(stderr, "liballocs: running under Valgrind, where the .NET runtime cannot start; "
			"casts are not checked\n");
		return;
	}
	char buf[sizeof self_dir + sizeof "/" RT_NAME];
	const char *path = secure_getenv("LIBALLOCS_RT");
	if (path == NULL || *path == '\0')
	{
		if (self_dir[0] == '\0')
			capture_self_dir_body();   /* a query from a constructor that ran before ours */
		snprintf(buf, sizeof buf, "%s/%s", self_dir[0] ? self_dir : ".", RT_NAME);
		path = buf;
	}
	const char *error = NULL;
	void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	__liballocs_rt_init_fn init = NULL;
	__liballocs_rt_get_info_fn get_info = NULL;
	__liballocs_rt_uniqtype_by_name_fn by_name = NULL;
	struct rt_checks checks = { NULL, NULL, NULL, NULL };
	if (handle == NULL)
		error = dlerror();
	else
	{
		*(void **)&init = dlsym(handle, rt_entry_names[RT_ENTRY_INIT]);
		*(void **)&get_info = dlsym(handle, rt_entry_names[RT_ENTRY_GET_INFO]);
		*(void **)&by_name = dlsym(handle, rt_entry_names[RT_ENTRY_UNIQTYPE_BY_NAME]);
		*(void **)&checks.check = dlsym(handle, rt_entry_names[RT_ENTRY_CHECK]);
		*(void **)&checks.report_pending = dlsym(handle, rt_entry_names[RT_ENTRY_REPORT_PENDING]);
		*(void **)&checks.add_cache_hits = dlsym(handle, rt_entry_names[RT_ENTRY_ADD_CACHE_HITS]);
		*(void **)&checks.at_exit = dlsym(handle, rt_entry_names[RT_ENTRY_AT_EXIT]);
		if (init == NULL || get_info == NULL || by_name == NULL)
			error = dlerror();
		/* A NativeAOT library cannot be unloaded, so a bad one stays mapped but unused. */
	}
	if (error != NULL || init == NULL || get_info == NULL || by_name == NULL)
	{
		fprintf(stderr, "liballocs: cannot load %s: %s; answering \"unknown\"\n", path,
			error ? error : "missing entry point");
		return;
	}
	init(&shim_api);
	Dl_info loaded;
	if (dladdr(*(void **)&get_info, &loaded))
		__liballocs_rt_base = loaded.dli_fbase;
	rt_get_info = get_info;
	rt_uniqtype_by_name = by_name;
	if (checks.check && checks.report_pending && checks.add_cache_hits && checks.at_exit)
	{
		rt_checks = checks;
		atexit(rt_at_exit);
	}
	else
		fprintf(stderr, "liballocs: %s has no cast-check entry points; casts are not checked\n", path);
}

/* The runtime is loaded once, by the first thread to need it, while the others wait. Not with pthread_once: a signal handler
 * whose check interrupted the load on the loading thread would wait for itself forever. Asynchronous signals are blocked on
 * that thread while it loads; should a handler run there all the same (a signal the program raises itself), it sees the load
 * is its own and answers "not loaded yet" (the load takes milliseconds: .NET starts inside it). */

static void load_wait(void)
{
	while (__atomic_load_n(&load_state, __ATOMIC_ACQUIRE) == LOAD_RUNNING)
		syscall(SYS_futex, &load_state, FUTEX_WAIT_PRIVATE, LOAD_RUNNING, NULL, NULL, 0);
}

int rt_load(void)
{
	int state = __atomic_load_n(&load_state, __ATOMIC_ACQUIRE);
	if (state == LOAD_DONE)
		return 1;
	if (loading_here)
		return 0;
	/* Marked ours before the state says a load runs, and until it says the load is done: a signal handler on this thread
	 * must never find the load running and not ours (it would wait for itself). */
	loading_here = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (state == LOAD_NOT_BEGUN && __atomic_compare_exchange_n(&load_state, &state, LOAD_RUNNING, 0, __ATOMIC_ACQ_REL,
		__ATOMIC_ACQUIRE))
	{
		/* Asynchronous signals wait until the load is done: the runtime's own threads (the finalizer's), created during it,
		 * inherit the mask, so a program's handler never runs on them (it would enter the runtime from a thread that may be
		 * running managed code); and none interrupts the load on this thread. Faults and real-time signals stay deliverable. */
		sigset_t blocked, before;
		sigfillset(&blocked);
		static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS };
		for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
			sigdelset(&blocked, faults[i]);
		for (int rt = SIGRTMIN; rt <= SIGRTMAX; rt++)
			sigdelset(&blocked, rt);   /* the runtime's own (NativeAOT suspends threads for its GC with one) */
		pthread_sigmask(SIG_BLOCK, &blocked, &before);
		load_runtime();
		if (rt_checks.check)
			__atomic_store_n(&rt_checks_ready, &rt_checks, __ATOMIC_RELEASE);
		__atomic_store_n(&load_state, LOAD_DONE, __ATOMIC_RELEASE);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		loading_here = 0;
		syscall(SYS_futex, &load_state, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
		pthread_sigmask(SIG_SETMASK, &before, NULL);
		return 1;
	}
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	loading_here = 0;
	load_wait();
	return 1;
}

/* In a fork's child, on its only thread. Nothing here enters the C# runtime, so a child that execs at once runs no managed
 * code (another thread of the parent may have held the runtime's locks at the fork): the C layer forgets what the parent
 * counted, and the fork generation tells the runtime, at its next entry, to start the child's own totals and reports. A
 * fork while another thread was loading the runtime leaves a child in which nobody ever finishes the load, with entry points
 * maybe half copied: it runs unchecked, as after a failed load. */
static void load_after_fork_child(void)
{
	check_state_after_fork();
	__atomic_store_n(&fork_generation, fork_generation + 1, __ATOMIC_RELEASE);
	if (__atomic_load_n(&load_state, __ATOMIC_RELAXED) == LOAD_RUNNING && !loading_here)
	{
		memset(&rt_checks, 0, sizeof rt_checks);
		rt_checks_ready = NULL;
		rt_get_info = NULL;
		rt_uniqtype_by_name = NULL;
		__atomic_store_n(&load_state, LOAD_DONE, __ATOMIC_RELAXED);
	}
}

static void load_hooks_body(void)
{
	pthread_atfork(NULL, NULL, load_after_fork_child);
	atexit(load_at_exit_if_asked);
}
LIBALLOCS_CONSTRUCTOR(load_hooks, load_hooks_body)

const struct rt_checks *rt_checks_load(void)
{
	return rt_load() && rt_checks.check ? &rt_checks : NULL;
}

/* The runtime's answer for obj at level, or -1 when unknown or there is no runtime. Queries leave
 * errno as they found it: loading the runtime and answering (files read, memory mapped) set it,
 * and programs read errno after calls that have nothing to do with us. */
static int query(const void *obj, unsigned level, struct alloc_info *out)
{
	int saved_errno = errno;
	struct alloc_info info;
	memset(&info, 0, sizeof info);
	/* From a signal handler that interrupted this thread inside the runtime: unknown, rather than enter it again. */
	int held = checks_hold();
	int status = !held && rt_load() && rt_get_info != NULL && rt_get_info(obj, level, &info) == 0 ? 0 : -1;
	checks_release(held);
	if (status == 0)
		*out = info;
	errno = saved_errno;
	return status;
}

LIBALLOCS_EXPORT const struct allocator *alloc_get_allocator(const void *obj)
{
	struct alloc_info info;
	return query(obj, 0, &info) == 0 ? info.allocator : NULL;
}

LIBALLOCS_EXPORT unsigned long alloc_get_size(const void *obj)
{
	struct alloc_info info;
	return query(obj, 0, &info) == 0 ? info.size : 0;
}

LIBALLOCS_EXPORT const struct uniqtype *alloc_get_type(const void *obj)
{
	struct alloc_info info;
	return query(obj, 0, &info) == 0 ? info.type : NULL;
}

LIBALLOCS_EXPORT const void *alloc_get_base(const void *obj)
{
	struct alloc_info info;
	return query(obj, 0, &info) == 0 ? info.base : NULL;
}

LIBALLOCS_EXPORT const void *alloc_get_site(const void *obj)
{
	struct alloc_info info;
	return query(obj, 0, &info) == 0 ? info.site : NULL;
}

LIBALLOCS_EXPORT int alloc_get_info_at_level(const void *obj, unsigned level, struct alloc_info *out)
{
	struct alloc_info info;
	if (query(obj, level, &info) != 0)
		return -1;
	if (out)
		*out = info;
	return 0;
}

LIBALLOCS_EXPORT const char *__liballocs_uniqtype_name(const struct uniqtype *u)
{
	return u && u->name ? u->name : "(unknown type)";
}

LIBALLOCS_EXPORT const struct uniqtype *__liballocs_uniqtype_by_name(const char *name)
{
	if (name == NULL)
		return NULL;
	int saved_errno = errno;
	int held = checks_hold();
	const struct uniqtype *found = !held && rt_load() && rt_uniqtype_by_name ? rt_uniqtype_by_name(name) : NULL;
	checks_release(held);
	errno = saved_errno;
	return found;
}

static const struct liballocs_err err_no_runtime = { "liballocs runtime not loaded" };
static const struct liballocs_err err_unknown = { "address is in no known allocation" };

LIBALLOCS_EXPORT const struct liballocs_err *__liballocs_get_alloc_info(const void *obj,
	const struct allocator **out_allocator, const void **out_alloc_start,
	unsigned long *out_alloc_size_bytes, const struct uniqtype **out_alloc_uniqtype,
	const void **out_alloc_site)
{
	struct alloc_info info;
	const struct liballocs_err *err = NULL;
	if (query(obj, 0, &info) != 0)
	{
		err = rt_get_info ? &err_unknown : &err_no_runtime;
		memset(&info, 0, sizeof info);   /* callers that ignore the error see "unknown" */
	}
	if (out_allocator)
		*out_allocator = info.allocator;
	if (out_alloc_start)
		*out_alloc_start = info.base;
	if (out_alloc_size_bytes)
		*out_alloc_size_bytes = info.size;
	if (out_alloc_uniqtype)
		*out_alloc_uniqtype = info.type;
	if (out_alloc_site)
		*out_alloc_site = info.site;
	return err;
}
