/* stack_records.c: every thread's list of live locals (frame arrays, alloca'd blocks), readable from any thread. */
/*
 * allocscc emits, at the top of each function with recorded locals,
 *   struct __liballocs_stack_record frame[N] __attribute__((cleanup(__liballocs_stack_pop_frame)));
 *   ... = __liballocs_stack_push_frame(frame, N);
 * and at each local's declaration __liballocs_stack_activate(&frame[k], &x, sizeof x, &desc, 0),
 * so a local stays described for the life of its frame (liballocs_meta.h gives the rules). The
 * list is a LIFO threaded through the records themselves, newest first.
 *
 * Other threads read the list (a check on a pointer into another thread's local). Each thread
 * changes its list and records only between two increments of its own sequence counter (odd
 * while a change is under way), so a reader copies what it found and retries when the counter
 * moved; it follows only pointers inside the stack mapping holding the queried address, so a
 * torn read never leaves mapped memory. A registry of threads, under a mutex that readers only
 * try, lets readers find the lists; a thread leaves it (pthread key destructor) before its stack
 * is freed.
 *
 * longjmp skips the cleanups of the frames it abandons. longjmp_interposers.c drops their
 * records at the jump. As a fallback for jumps we do not see, a push drops records that lie
 * below its caller's stack pointer: the stack grows down, so no live frame is there.
 *
 * Limits: records of a frame that switches stacks (sigaltstack handlers on a stack above the
 * thread's, makecontext coroutines) can be dropped too early, and are not found from other
 * threads; a thread created while 1024 others are registered is visible only to itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unwind.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "liballocs_c.h"
#include "stack_records.h"

/* The calling thread's list (head, sequence counter, stamp), which instrumented code changes inline (liballocs_meta.h) at
 * __liballocs_stack_list_offset from the thread pointer. */
static __thread struct __liballocs_stack_list __liballocs_stack_list __attribute__((tls_model("initial-exec")));
LIBALLOCS_EXPORT long __liballocs_stack_list_offset;

/* Sets __liballocs_stack_list_offset (never 0: the thread control block lies at the thread pointer). Before any of the
 * hooks that read it run in a frame, the frame's push calls this; the value is the same from any thread. */
static inline void publish_list_offset(void)
{
	if (__builtin_expect(__atomic_load_n(&__liballocs_stack_list_offset, __ATOMIC_RELAXED) == 0, 0))
		__atomic_store_n(&__liballocs_stack_list_offset,
			(long)((char *)&__liballocs_stack_list - (char *)__liballocs_stack_list_at(0)), __ATOMIC_RELAXED);
}

struct thread_records
{
	struct __liballocs_stack_list *list;   /* the thread's __liballocs_stack_list */
	int slot;                /* registry index + 1; 0 not yet registered; -1 never again */
	int is_main;             /* the process's initial thread (its stack mapping grows) */
	pthread_t thread;
	uintptr_t lo, hi;        /* the thread's stack, once a reader learned it (never the main
	                            thread's): readers follow no record pointer outside it */
};

/* initial-exec: a TLS access on the push/pop path must not call __tls_get_addr (which can
 * allocate). Fine for a library the executable links; uses static TLS surplus under dlopen. */
static __thread struct thread_records self __attribute__((tls_model("initial-exec")));

#define MAX_THREADS 1024
static struct thread_records *registry[MAX_THREADS];
static int registry_end;   /* one past the highest slot ever taken (under the lock): searches stop there */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t exit_key;
static int exit_key_made;

static void thread_exits(void *unused)
{
	(void)unused;
	if (self.slot > 0)
	{
		pthread_mutex_lock(&registry_lock);
		registry[self.slot - 1] = NULL;
		pthread_mutex_unlock(&registry_lock);
	}
	self.slot = -1;
}

/* fork: the child has only the forking thread; the others' entries (and a lock another thread
 * held) must not survive into it. */
static void registry_prefork(void) { pthread_mutex_lock(&registry_lock); }
static void registry_parent(void) { pthread_mutex_unlock(&registry_lock); }
static void registry_child(void)
{
	for (int i = 0; i < MAX_THREADS; i++)
	{
		if (registry[i] != &self)
			registry[i] = NULL;
	}
	pthread_mutex_unlock(&registry_lock);
}

/* At load time, not lazily: pthread_once inside a signal handler that interrupted the same
 * once would deadlock. */
static void stack_records_init_body(void)
{
	publish_list_offset();
	exit_key_made = pthread_key_create(&exit_key, thread_exits) == 0;
	pthread_atfork(registry_prefork, registry_parent, registry_child);
}
LIBALLOCS_CONSTRUCTOR(stack_records_init, stack_records_init_body)

/* Makes this thread's list visible to other threads. Never blocks and never allocates: a signal
 * handler may run this (while the thread holds the lock, or inside malloc), so a busy lock just
 * means "try again at the next push"; readers learn the thread's stack bounds themselves. */
static void register_self(void)
{
	if (!exit_key_made)
		return;   /* before our constructor ran: try again later */
	/* The key first (a non-null value runs thread_exits): a thread listed must always leave. */
	if (pthread_getspecific(exit_key) == NULL && pthread_setspecific(exit_key, (void *)1) != 0)
	{
		self.slot = -1;
		__liballocs_stack_list.listed = 1;   /* never will be: no need to come here again */
		return;
	}
	if (pthread_mutex_trylock(&registry_lock) != 0)
		return;
	int slot = 0;
	for (int i = 0; i < MAX_THREADS && slot == 0; i++)
	{
		if (registry[i] == NULL)
			slot = i + 1;
	}
	if (slot != 0)
	{
		self.list = &__liballocs_stack_list;
		self.thread = pthread_self();
		self.is_main = getpid() == gettid();
		registry[slot - 1] = &self;
		if (slot > registry_end)
			registry_end = slot;
	}
	self.slot = slot != 0 ? slot : -1;
	pthread_mutex_unlock(&registry_lock);
	__liballocs_stack_list.listed = 1;   /* instrumented code may push frames inline now */
}

static inline int is_record(const volatile struct __liballocs_stack_record *r, unsigned long flags)
{
	return (flags & LIBALLOCS_STACK_TAG_MASK) == __liballocs_stack_record_tag(r);
}

/* The sequence counter's steps (__liballocs_stack_list_step, liballocs_meta.h): one instruction each, so that push and pop
 * cost about plain stores, which every call of an instrumented function with recorded locals pays. Nested changes (a signal
 * handler's) leave it even while the handler changes records (outer +1, inner +1): a reader racing exactly then may read a
 * torn record; it only ever follows pointers inside the stack, so the cost is a wrong answer, not a fault. */
static inline void change_begins(void)
{
	if (__builtin_expect(self.slot == 0, 0))
		register_self();
	__liballocs_stack_list_step(&__liballocs_stack_list);
}

static inline void change_ends(void)
{
	__liballocs_stack_list_step(&__liballocs_stack_list);
}

/* Skips records lying below sp, which belong to frames that no longer exist. Their memory may
 * have been reused, so each hop must stay between the previous record and sp (where the stack is
 * mapped); a chain that leaves that range is garbage, and we drop it all rather than follow it. */
static struct __liballocs_stack_record *skip_dead(struct __liballocs_stack_record *r, uintptr_t sp)
{
	while (r != NULL && (uintptr_t)r < sp)
	{
		struct __liballocs_stack_record *prev = r->prev;
		if (!is_record(r, r->flags) || (prev != NULL && (uintptr_t)prev <= (uintptr_t)r))
			return NULL;
		r = prev;
	}
	/* Where it lands must be a record too, not a stale word that happened to point above sp. */
	return r != NULL && is_record(r, r->flags) ? r : NULL;
}

static inline struct __liballocs_stack_record *live_head(uintptr_t caller_sp)
{
	struct __liballocs_stack_record *old = __liballocs_stack_list.head;
	if (old != NULL && (uintptr_t)old < caller_sp)
		old = skip_dead(old, caller_sp);
	return old;
}

/* Not inlinable: needs its caller's stack pointer (the CFA of this call). */
LIBALLOCS_EXPORT __attribute__((noinline))
struct __liballocs_stack_record *__liballocs_stack_push(struct __liballocs_stack_record *rec)
{
	uintptr_t caller_sp = (uintptr_t)__builtin_dwarf_cfa();
	change_begins();
	struct __liballocs_stack_record *old = live_head(caller_sp);
	rec->prev = old;
	rec->stamp = ++__liballocs_stack_list.stamp;
	rec->flags = (rec->flags & ~LIBALLOCS_STACK_TAG_MASK) | __liballocs_stack_record_tag(rec);
	__liballocs_stack_list.head = rec;
	change_ends();
	return old;
}

LIBALLOCS_EXPORT void __liballocs_stack_pop(struct __liballocs_stack_record *rec)
{
	change_begins();
	__liballocs_stack_list.head = rec->prev;
	change_ends();
}

LIBALLOCS_EXPORT __attribute__((noinline))
struct __liballocs_stack_record *__liballocs_stack_push_frame(struct __liballocs_stack_record *frame, unsigned long n)
{
	uintptr_t caller_sp = (uintptr_t)__builtin_dwarf_cfa();
	publish_list_offset();
	change_begins();
	/* Linked from frame[0] (newest) up to frame[n - 1] (oldest), so every link points to a higher
	 * address, as between frames: skip_dead relies on it. */
	struct __liballocs_stack_record *older = live_head(caller_sp);
	for (unsigned long i = n; i-- > 0; )
	{
		frame[i] = (struct __liballocs_stack_record){ .prev = older,
			.flags = __liballocs_stack_record_tag(&frame[i]) | (i == n - 1 ? LIBALLOCS_STACK_F_FRAME_END : 0) };
		older = &frame[i];
	}
	if (n > 0)
		__liballocs_stack_list.head = frame;
	change_ends();
	return frame;
}

/* Instrumented code does the work of these three inline (liballocs_meta.h); they serve other callers. */
LIBALLOCS_EXPORT void __liballocs_stack_pop_frame(void *frame)
{
	__liballocs_stack_pop_frame_in(&__liballocs_stack_list, frame);
}

LIBALLOCS_EXPORT struct __liballocs_stack_record *__liballocs_stack_activate(struct __liballocs_stack_record *rec,
	void *addr, unsigned long size, const struct __liballocs_local_desc *desc, unsigned long flags)
{
	return __liballocs_stack_activate_in(&__liballocs_stack_list, rec, addr, size, desc, flags);
}

LIBALLOCS_EXPORT void __liballocs_stack_scope_end(struct __liballocs_stack_record **recp)
{
	__liballocs_stack_scope_end_in(&__liballocs_stack_list, recp);
}

LIBALLOCS_EXPORT struct __liballocs_stack_record *__liballocs_stack_top(void)
{
	return __liballocs_stack_list.head;
}

void stack_records_unwind(uintptr_t target_sp)
{
	/* Called on the jumping thread before the jump: every record below target_sp is in a
	 * frame being abandoned, and those frames are still intact (we are running below them). */
	struct __liballocs_stack_record *r = __liballocs_stack_list.head;
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	while (r != NULL && (uintptr_t)r < target_sp)
	{
		if ((uintptr_t)r < here)
		{
			/* Below our own frame: the list is inconsistent; drop what we cannot trust. */
			r = NULL;
			break;
		}
		r = r->prev;
	}
	change_begins();
	__liballocs_stack_list.head = r;
	change_ends();
}

/* Learns the stack bounds of registered thread t (not the main thread: its mapping grows), with the
 * registry lock held so t cannot exit meanwhile. Done by readers, not by t, which may register
 * inside a signal handler (pthread_getattr_np allocates). */
static void learn_bounds(struct thread_records *t)
{
	pthread_attr_t attr;
	if (t->hi != 0 || t->is_main || pthread_getattr_np(t->thread, &attr) != 0)
		return;
	void *stack;
	size_t size;
	if (pthread_attr_getstack(&attr, &stack, &size) == 0)
	{
		t->lo = (uintptr_t)stack;
		t->hi = (uintptr_t)stack + size;
	}
	pthread_attr_destroy(&attr);
}

/* The latest activation in t's list whose variable contains addr, following only records inside
 * [lo, hi) (lo == hi: no bound, for the calling thread's own list); copied into *out. Stops at the
 * end of the frame array of the first match. */
static int find_in(const struct __liballocs_stack_list *list, uintptr_t addr, uintptr_t lo, uintptr_t hi,
	struct __liballocs_stack_record *out)
{
	int found = 0;
	unsigned long steps = 0;
	const volatile struct __liballocs_stack_record *r = __atomic_load_n(&list->head, __ATOMIC_ACQUIRE);
	while (r != NULL && steps++ < (1ul << 20))
	{
		uintptr_t at = (uintptr_t)r;
		if (lo != hi && (at < lo || at > hi - sizeof *r || at % _Alignof(struct __liballocs_stack_record) != 0))
			break;
		struct __liballocs_stack_record copy = { r->prev, r->addr, r->size, r->desc, r->stamp, r->flags };
		if (!is_record(r, copy.flags))
			break;   /* stale stack memory, or a torn read: nothing further is trustworthy */
		uintptr_t start = (uintptr_t)copy.addr;
		if (copy.desc != NULL && addr >= start && addr - start < (copy.size ? copy.size : 1)
			&& (!found || copy.stamp > out->stamp))
		{
			*out = copy;
			found = 1;
		}
		/* Locals of different live frames never overlap, so once one matched only the rest of its
		 * frame array (the run of adjacent records) can hold a later activation at that address. */
		if (found && ((copy.flags & LIBALLOCS_STACK_F_FRAME_END) || (uintptr_t)copy.prev != at + sizeof *r))
			break;
		r = copy.prev;
	}
	return found;
}

LIBALLOCS_EXPORT int __liballocs_stack_find(const void *p, uintptr_t lo, uintptr_t hi, struct __liballocs_stack_record *out)
{
	uintptr_t addr = (uintptr_t)p;
	if (find_in(&__liballocs_stack_list, addr, 0, 0, out))
		return 1;
	if (lo >= hi)
		return 0;
	if (pthread_mutex_trylock(&registry_lock) != 0)
		return -1;
	int found = 0, undecided = 0;
	for (int i = 0; i < registry_end && !found; i++)
	{
		struct thread_records *t = registry[i];
		if (t == NULL || t == &self)
			continue;
		/* Follow nothing outside that thread's own stack: [lo, hi) may come from a stale copy of
		 * the process's maps. */
		learn_bounds(t);
		uintptr_t t_hi = t->hi, t_lo = t->lo;
		uintptr_t b_lo = t_hi != 0 && t_lo > lo ? t_lo : lo, b_hi = t_hi != 0 && t_hi < hi ? t_hi : hi;
		if (b_lo >= b_hi || addr < b_lo || addr >= b_hi)
			continue;   /* p is not on that thread's stack */
		int attempt;
		for (attempt = 0; attempt < 64; attempt++)
		{
			if (attempt >= 8)
				sched_yield();   /* let a busy thread finish its change (or be descheduled) */
			unsigned long before = __atomic_load_n(&t->list->seq, __ATOMIC_ACQUIRE);
			if (before & 1)
				continue;
			int hit = find_in(t->list, addr, b_lo, b_hi, out);
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (__atomic_load_n(&t->list->seq, __ATOMIC_RELAXED) == before)
			{
				found = hit;
				break;
			}
		}
		undecided |= attempt == 64;   /* that thread kept changing its list: cannot tell for it */
	}
	pthread_mutex_unlock(&registry_lock);
	return found ? 1 : undecided ? -1 : 0;
}

/* ---- frames of code without records (programs not built by allocscc), by unwinding ---- */

struct frame_search
{
	uintptr_t p;
	uintptr_t floor;            /* the search's own frame: frames below it are the unwinder's */
	uintptr_t low, ip;          /* the program's frame walked last: its lowest address and its code address; low 0 before one */
	uintptr_t base, size, found_ip;
	int found;
};

/* Code of this library or of liballocs_rt.so: the frames of the query or check asking, which are not the program's (they
 * may lie over memory of the program's that died, such as a returned frame's). */
static int is_runtime_code(uintptr_t ip)
{
	static void *self_base;
	Dl_info info;
	if (self_base == NULL && dladdr((void *)is_runtime_code, &info))
		self_base = info.dli_fbase;
	return dladdr((void *)ip, &info) && info.dli_fbase != NULL
		&& (info.dli_fbase == self_base || info.dli_fbase == __liballocs_rt_base);
}

/* libgcc calls back once per frame, outermost last; in the call for a frame, _Unwind_GetCFA gives the CFA of the frame it
 * called (the stack pointer before that call), which is this frame's lowest address; the next call's gives its end. */
static _Unwind_Reason_Code frame_visit(struct _Unwind_Context *context, void *arg)
{
	struct frame_search *s = arg;
	uintptr_t cfa = _Unwind_GetCFA(context);
	if (cfa < s->floor || (s->low == 0 && is_runtime_code(_Unwind_GetIP(context))))
		return _URC_NO_REASON;
	if (s->low != 0)
	{
		/* A CFA that does not rise is another stack (a signal's alternate one) or bad unwind information; one past p leaves p
		 * in no frame further out: stop there. */
		if (cfa <= s->low || s->low > s->p)
			return _URC_END_OF_STACK;
		if (s->p >= s->low && s->p < cfa)
		{
			s->base = s->low;
			s->size = cfa - s->low;
			s->found_ip = s->ip;
			s->found = 1;
			return _URC_END_OF_STACK;
		}
	}
	s->low = cfa;
	s->ip = _Unwind_GetIP(context);
	return _URC_NO_REASON;
}

LIBALLOCS_EXPORT int __liballocs_stack_frame_of(const void *p, uintptr_t *base, uintptr_t *size, uintptr_t *ip)
{
	/* Our own frame is the lowest live one: below it nothing is live. */
	struct frame_search s = { .p = (uintptr_t)p, .floor = (uintptr_t)__builtin_frame_address(0) };
	if (s.p < s.floor)
		return 0;
	_Unwind_Backtrace(frame_visit, &s);
	if (!s.found)
		return 0;
	*base = s.base;
	*size = s.size;
	*ip = s.found_ip;
	return 1;
}
