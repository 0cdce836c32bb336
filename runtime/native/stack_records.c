/* stack_records.c: the per-thread list of live address-taken locals (pushed at declaration, popped at scope exit). */
/*
 * allocscc emits, at each address-taken local's declaration,
 *   struct __liballocs_stack_record r __attribute__((cleanup(__liballocs_stack_pop)))
 *       = { __liballocs_stack_push(&r), (void *)&x, sizeof x, &desc };
 * so the list is a LIFO threaded through the records themselves, newest first.
 *
 * longjmp skips the cleanups of the frames it abandons. longjmp_interposers.c drops their
 * records at the jump, before anything can overwrite them. As a fallback for jumps we do not
 * see (a longjmp inside libc, or libliballocs.so loaded RTLD_LOCAL), push drops records that lie
 * below its caller's stack pointer: the stack grows down, so no live frame is there. (Comparing
 * against &r instead would be wrong: the compiler orders the records of one frame freely, so an
 * older, live record of the same frame may sit below &r.)
 *
 * Limits: records of a frame that switches stacks (sigaltstack handlers on a stack above the
 * thread's, makecontext coroutines) can be dropped too early. A record pushed in the setjmp
 * caller's own frame after setjmp returned 0, in a scope that the longjmp back to it leaves, is
 * not below the restored stack pointer, so it stays listed until an enclosing scope pops, and
 * the compiler may reuse its slot meanwhile; the instrumenter can avoid this by saving
 * __liballocs_stack_top() before such a setjmp and restoring it when setjmp returns non-zero.
 */
#include <stdint.h>
#include <stddef.h>
#include "liballocs_c.h"
#include "stack_records.h"

/* initial-exec: a TLS access on the push/pop path must not call __tls_get_addr (which can
 * allocate). Fine for a library the executable links; uses static TLS surplus under dlopen. */
static __thread struct __liballocs_stack_record *stack_head __attribute__((tls_model("initial-exec")));

/* Skips records lying below sp, which belong to frames that no longer exist. Their memory may
 * have been reused, so each hop must stay between the previous record and sp (where the stack is
 * mapped); a chain that leaves that range is garbage, and we drop it all rather than follow it. */
static struct __liballocs_stack_record *skip_dead(struct __liballocs_stack_record *r, uintptr_t sp)
{
	while (r != NULL && (uintptr_t)r < sp)
	{
		struct __liballocs_stack_record *prev = r->prev;
		if (prev != NULL && (uintptr_t)prev <= (uintptr_t)r)
			return NULL;
		r = prev;
	}
	return r;
}

/* Pushes rec as the calling thread's newest live local and returns the previous newest (also
 * stored in rec->prev). Not inlinable: it needs its caller's stack pointer. */
LIBALLOCS_EXPORT __attribute__((noinline))
struct __liballocs_stack_record *__liballocs_stack_push(struct __liballocs_stack_record *rec)
{
	/* The CFA of this call is the caller's stack pointer before the call: every live local of
	 * the caller and its callers is at or above it. */
	uintptr_t caller_sp = (uintptr_t)__builtin_dwarf_cfa();
	struct __liballocs_stack_record *old = stack_head;
	if (old != NULL && (uintptr_t)old < caller_sp)
		old = skip_dead(old, caller_sp);
	/* Link before publishing, so a signal handler walking the list never sees rec->prev unset. */
	rec->prev = old;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	stack_head = rec;
	return old;
}

/* Cleanup handler: rec's scope ends, so every record newer than rec (left by longjmp or
 * otherwise) is dead and rec->prev, the newest record older than rec, is the newest live one. */
LIBALLOCS_EXPORT void __liballocs_stack_pop(struct __liballocs_stack_record *rec)
{
	stack_head = rec->prev;
}

LIBALLOCS_EXPORT struct __liballocs_stack_record *__liballocs_stack_top(void)
{
	return stack_head;
}

void stack_records_unwind(uintptr_t target_sp)
{
	/* Called on the jumping thread before the jump: every record below target_sp is in a
	 * frame being abandoned, and those frames are still intact (we are running below them). */
	struct __liballocs_stack_record *r = stack_head;
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
	stack_head = r;
}
