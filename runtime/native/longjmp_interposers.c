/* longjmp_interposers.c: drops the stack records of the frames a longjmp abandons, then jumps. */
/*
 * longjmp skips the cleanup attributes that pop stack records, and once the program has jumped,
 * its next calls overwrite the abandoned frames and the records in them. So we interpose the
 * jumps (longjmp, _longjmp, siglongjmp, and _FORTIFY_SOURCE's __longjmp_chk): while still
 * running below the abandoned frames, unlink every record beneath the stack pointer the jump
 * restores, then forward to glibc's implementation found with dlsym(RTLD_NEXT).
 *
 * The target stack pointer is in the jmp_buf, mangled with glibc's pointer guard (x86-64:
 * __jmpbuf[6], rotated left 17 bits after xor with the guard at %fs:0x30). That is glibc ABI, not
 * API, so a start-up self-test checks the decoding against a real setjmp; if it fails, jumps are
 * forwarded untouched and stack_records.c's push-time fallback is all that remains.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dlfcn.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "stack_records.h"

#if defined(__x86_64__) && defined(__GLIBC__)

typedef void (*jump_fn)(struct __jmp_buf_tag *env, int val);

extern void __longjmp_chk(struct __jmp_buf_tag env[1], int val) __attribute__((noreturn));

static jump_fn real_longjmp, real__longjmp, real_siglongjmp, real_longjmp_chk;
static int decoding_verified;

#define JB_RSP 6

/* The stack pointer that longjmp(env) will restore. */
static uintptr_t jmpbuf_sp(struct __jmp_buf_tag *env)
{
	uintptr_t guard;
	__asm__("movq %%fs:0x30, %0" : "=r"(guard));
	uintptr_t v = (uintptr_t)env->__jmpbuf[JB_RSP];
	v = (v >> 17) | (v << 47);   /* undo PTR_MANGLE's rol $0x11 */
	return v ^ guard;
}

/* True when jmpbuf_sp decodes this glibc's jmp_buf: setjmp records the caller's stack pointer,
 * which lies just below the caller's locals. */
__attribute__((noinline)) static int verify_decoding(void)
{
	jmp_buf env;
	volatile char probe = 0;
	if (_setjmp(env) != 0)
		return 0;   /* nothing jumps here */
	uintptr_t sp = jmpbuf_sp(env);
	uintptr_t local = (uintptr_t)&probe;
	return probe == 0 && sp <= local && local - sp < 4096;
}

static jump_fn resolve(jump_fn *slot, const char *name)
{
	jump_fn f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	if (f == NULL)
	{
		*(void **)&f = dlsym(RTLD_NEXT, name);
		if (f == NULL)
		{
			static const char msg[] = "liballocs: cannot find the C library's longjmp; aborting\n";
			ssize_t unused = write(STDERR_FILENO, msg, sizeof msg - 1);
			(void)unused;
			abort();
		}
		__atomic_store_n(slot, f, __ATOMIC_RELEASE);
	}
	return f;
}

/* Resolve at load time too, so that a longjmp out of a signal handler never runs dlsym. A jump
 * made before this constructor runs (from an earlier constructor) resolves lazily. */
static void longjmp_interposers_init_body(void)
{
	decoding_verified = verify_decoding();
	resolve(&real_longjmp, "longjmp");
	resolve(&real__longjmp, "_longjmp");
	resolve(&real_siglongjmp, "siglongjmp");
	resolve(&real_longjmp_chk, "__longjmp_chk");
}
LIBALLOCS_CONSTRUCTOR(longjmp_interposers_init, longjmp_interposers_init_body)

static void before_jump(struct __jmp_buf_tag *env)
{
	/* A jump out of a signal handler that interrupted a slow-path check abandons that check. */
	check_slow_abandoned();
	if (!decoding_verified)
		return;
	uintptr_t target = jmpbuf_sp(env);
	/* Jumps go up the same stack; a target below us is another stack (sigaltstack,
	 * coroutines), where "below the target" says nothing about liveness. */
	if (target > (uintptr_t)__builtin_frame_address(0))
		stack_records_unwind(target);
}

LIBALLOCS_EXPORT void longjmp(struct __jmp_buf_tag env[1], int val)
{
	before_jump(env);
	resolve(&real_longjmp, "longjmp")(env, val);
	__builtin_unreachable();
}

LIBALLOCS_EXPORT void _longjmp(struct __jmp_buf_tag env[1], int val)
{
	before_jump(env);
	resolve(&real__longjmp, "_longjmp")(env, val);
	__builtin_unreachable();
}

LIBALLOCS_EXPORT void siglongjmp(struct __jmp_buf_tag env[1], int val)
{
	before_jump(env);
	resolve(&real_siglongjmp, "siglongjmp")(env, val);
	__builtin_unreachable();
}

LIBALLOCS_EXPORT void __longjmp_chk(struct __jmp_buf_tag env[1], int val)
{
	before_jump(env);
	resolve(&real_longjmp_chk, "__longjmp_chk")(env, val);
	__builtin_unreachable();
}

#else
/* Elsewhere jumps are not interposed; stack_records.c's push-time fallback applies. */
typedef int longjmp_interposers_unsupported_here;
#endif
