/* stack_and_initial_stack.c: stack records as allocscc emits them (scopes, calls, longjmp) and the recorded initial stack. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

extern char **environ;
extern void __longjmp_chk(struct __jmp_buf_tag env[1], int val) __attribute__((noreturn));

typedef struct __liballocs_stack_record rec_t;

/* A record pushed on its own and popped at scope exit (alloca'd blocks use push; frames, tested
 * below, are made of the same links). */
#define TRACK(x) \
	rec_t rec_##x __attribute__((cleanup(__liballocs_stack_pop))) = { 0, (void *)&x, sizeof x, &desc_##x, 0, 0 }; \
	__liballocs_stack_push(&rec_##x)

#define DESC(x) static const struct __liballocs_local_desc desc_##x = { #x, NULL, __func__, __FILE__, __LINE__, 0, 0, 0, 0 }

static unsigned chain_length(void)
{
	unsigned n = 0;
	for (rec_t *r = __liballocs_stack_top(); r != NULL && n < 1000; r = r->prev)
		n++;
	return n;
}

static int chain_contains(const void *addr)
{
	for (rec_t *r = __liballocs_stack_top(); r != NULL; r = r->prev)
		if (r->addr == addr)
			return 1;
	return 0;
}

static void use(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

__attribute__((noinline)) static void callee(rec_t *expected_prev)
{
	DESC(c);
	char c[40];
	use(c);
	TRACK(c);
	CHECK(__liballocs_stack_top() == &rec_c && rec_c.prev == expected_prev, "callee's record not on top of the caller's");
	CHECK(rec_c.addr == c && rec_c.size == 40 && rec_c.desc == &desc_c, "record fields");
}

static void test_scopes(void)
{
	check_begin("push/pop: nested scopes, calls, many records in one frame (any stack layout)");
	CHECK(__liballocs_stack_top() == NULL, "list not empty at start");
	{
		DESC(a);
		int a = 1;
		use(&a);
		TRACK(a);
		CHECK(__liballocs_stack_top() == &rec_a && rec_a.prev == NULL, "first record");
		{
			DESC(b);
			double b = 2;
			use(&b);
			TRACK(b);
			CHECK(__liballocs_stack_top() == &rec_b && rec_b.prev == &rec_a, "nested record");
			callee(&rec_b);
			CHECK(__liballocs_stack_top() == &rec_b, "callee's record not popped");
		}
		CHECK(__liballocs_stack_top() == &rec_a, "inner scope not popped");
		/* Locals of different sizes in one frame, so the compiler places the records in an order
		 * unrelated to declaration order; every one must stay listed. */
		DESC(v1); char v1[3]; use(v1); TRACK(v1);
		DESC(v2); long v2[50]; use(v2); TRACK(v2);
		DESC(v3); short v3; use(&v3); TRACK(v3);
		DESC(v4); char v4[700]; use(v4); TRACK(v4);
		DESC(v5); int v5; use(&v5); TRACK(v5);
		CHECK(chain_length() == 6, "chain has %u records, want 6", chain_length());
		CHECK(chain_contains(&a) && chain_contains(v1) && chain_contains(v2) && chain_contains(&v3)
			&& chain_contains(v4) && chain_contains(&v5), "a record was dropped");
		callee(&rec_v5);
		CHECK(chain_length() == 6, "after call: %u records", chain_length());
	}
	CHECK(__liballocs_stack_top() == NULL, "list not empty at the end");
	check_end();
}

static jmp_buf jb;
static sigjmp_buf sjb;
enum jump_kind { JUMP_LONGJMP, JUMP_UNDERSCORE, JUMP_SIGLONGJMP, JUMP_CHK, JUMP_BYPASS };
static void (*libc_longjmp)(struct __jmp_buf_tag *, int);

__attribute__((noinline)) static void jump(enum jump_kind kind)
{
	switch (kind)
	{
	case JUMP_LONGJMP: longjmp(jb, 1);
	case JUMP_UNDERSCORE: _longjmp(jb, 1);
	case JUMP_SIGLONGJMP: siglongjmp(sjb, 1);
	case JUMP_CHK: __longjmp_chk(jb, 1);
	case JUMP_BYPASS: libc_longjmp(jb, 1);
	}
}

__attribute__((noinline)) static void deep2(enum jump_kind kind)
{
	DESC(z);
	int z[4];
	use(z);
	TRACK(z);
	jump(kind);
}

__attribute__((noinline)) static void deep1(enum jump_kind kind)
{
	DESC(y);
	long y;
	use(&y);
	TRACK(y);
	deep2(kind);
}

/* A big frame written all over before its first push: it covers the abandoned records. */
__attribute__((noinline)) static void scribble_then_push(rec_t *expected_prev)
{
	volatile char scribble[16384];
	memset((char *)scribble, 0xAB, sizeof scribble);
	DESC(w);
	int w = 0;
	use(&w);
	TRACK(w);
	CHECK(rec_w.prev == expected_prev, "record after longjmp links to %p, want %p", (void *)rec_w.prev, (void *)expected_prev);
	CHECK(chain_length() == 2, "chain after longjmp has %u records, want 2", chain_length());
}

/* In the setjmp caller's own frame (a call would move the stack pointer the fallback uses). */
#define AFTER_JUMP() \
	do { \
		if (kind == JUMP_BYPASS) \
		{ \
			/* No interposer saw this jump: the first push in this frame drops the dead \
			 * records (they lie below its caller's stack pointer and are still intact). */ \
			DESC(u); \
			int u = 0; \
			use(&u); \
			TRACK(u); \
			CHECK(rec_u.prev == &rec_x, "push after an unseen longjmp links to %p, want %p", \
				(void *)rec_u.prev, (void *)&rec_x); \
		} \
		else \
		{ \
			CHECK(__liballocs_stack_top() == &rec_x, "after the jump the top is %p, want %p", \
				(void *)__liballocs_stack_top(), (void *)&rec_x); \
			scribble_then_push(&rec_x); \
			CHECK(__liballocs_stack_top() == &rec_x, "top after the new scope popped"); \
		} \
	} while (0)

__attribute__((noinline)) static void jump_test(enum jump_kind kind, const char *name)
{
	check_begin(name);
	DESC(x);
	int x = 0;
	use(&x);
	TRACK(x);
	/* setjmp only in the contexts C allows: the whole controlling expression of an if. */
	if (kind == JUMP_SIGLONGJMP)
	{
		if (!sigsetjmp(sjb, 1))
			deep1(kind);
		else
			AFTER_JUMP();
	}
	else
	{
		if (!setjmp(jb))
			deep1(kind);
		else
			AFTER_JUMP();
	}
	CHECK(__liballocs_stack_top() == &rec_x, "top before leaving the frame");
	check_end();
}

static void *thread_body(void *arg)
{
	(void)arg;
	CHECK(__liballocs_stack_top() == NULL, "new thread starts with the creator's records");
	DESC(tv);
	int tv = 0;
	use(&tv);
	TRACK(tv);
	CHECK(__liballocs_stack_top() == &rec_tv && rec_tv.prev == NULL, "thread's own record");
	return NULL;
}

static void test_threads(void)
{
	check_begin("records are per thread");
	DESC(m);
	int m = 0;
	use(&m);
	TRACK(m);
	pthread_t th;
	pthread_create(&th, NULL, thread_body, NULL);
	pthread_join(th, NULL);
	CHECK(__liballocs_stack_top() == &rec_m, "main thread's top changed");
	check_end();
}

/* What allocscc emits for a function with recorded locals: a frame array pushed at the top,
 * activations at the declarations, scope ends at their blocks' ends. */
static void test_frames(void)
{
	check_begin("frames: locals stay described after their block ends, the latest activation at an address wins, VLAs die with their block");
	DESC(s); DESC(i); DESC(vla);
	void *before = __liballocs_stack_top();
	{
		rec_t frame[3] __attribute__((cleanup(__liballocs_stack_pop_frame)));
		__liballocs_stack_push_frame(frame, 3);
		CHECK(__liballocs_stack_top() == &frame[0] && frame[0].prev == &frame[1] && frame[2].prev == before
			&& frame[0].desc == NULL, "frame linked inactive, every link to a higher address");
		union { short s; int i; } slot;   /* one slot two block-scope locals share */
		rec_t out;
		{
			rec_t *a __attribute__((cleanup(__liballocs_stack_scope_end)))
				= __liballocs_stack_activate(&frame[0], &slot.s, sizeof slot.s, &desc_s, 0);
			(void)a;
			CHECK(__liballocs_stack_find(&slot.s, 0, 0, &out) == 1 && out.desc == &desc_s
				&& !(out.flags & LIBALLOCS_STACK_F_SCOPE_ENDED), "s in scope");
		}
		CHECK(__liballocs_stack_find(&slot.s, 0, 0, &out) == 1 && out.desc == &desc_s
			&& (out.flags & LIBALLOCS_STACK_F_SCOPE_ENDED), "s after its block: still there, scope ended");
		{
			rec_t *b __attribute__((cleanup(__liballocs_stack_scope_end)))
				= __liballocs_stack_activate(&frame[1], &slot.i, sizeof slot.i, &desc_i, 0);
			(void)b;
		}
		CHECK(__liballocs_stack_find(&slot.s, 0, 0, &out) == 1 && out.desc == &desc_i, "i, activated later, wins");
		for (int round = 0; round < 2; round++)
		{
			rec_t *a __attribute__((cleanup(__liballocs_stack_scope_end)))
				= __liballocs_stack_activate(&frame[0], &slot.s, sizeof slot.s, &desc_s, 0);
			(void)a;
			CHECK(__liballocs_stack_find(&slot.s, 0, 0, &out) == 1 && out.desc == &desc_s
				&& !(out.flags & LIBALLOCS_STACK_F_SCOPE_ENDED), "s re-entered (round %d) wins again", round);
		}
		char buf[16];
		use(buf);
		{
			rec_t *v __attribute__((cleanup(__liballocs_stack_scope_end)))
				= __liballocs_stack_activate(&frame[2], buf, sizeof buf, &desc_vla, LIBALLOCS_STACK_F_VLA);
			(void)v;
			CHECK(__liballocs_stack_find(buf + 3, 0, 0, &out) == 1 && out.desc == &desc_vla, "VLA in scope");
		}
		CHECK(__liballocs_stack_find(buf + 3, 0, 0, &out) == 0, "VLA after its block");
	}
	CHECK(__liballocs_stack_top() == before, "frame not popped");
	/* An inlined callee's frame array may lie right below its caller's: popping it leaves the caller's. */
	struct { rec_t inner[2]; rec_t outer[2]; } adjacent;
	__liballocs_stack_push_frame(adjacent.outer, 2);
	__liballocs_stack_push_frame(adjacent.inner, 2);
	__liballocs_stack_pop_frame(adjacent.inner);
	CHECK(__liballocs_stack_top() == &adjacent.outer[0], "popping an inlined callee's frame popped its caller's");
	__liballocs_stack_pop_frame(adjacent.outer);
	CHECK(__liballocs_stack_top() == before, "caller's frame not popped");
	check_end();
}

/* Another thread's locals, found while that thread keeps activating and ending them. */
static pthread_barrier_t other_ready, other_go;
static volatile int other_stop;
static int other_local;
static const struct __liballocs_local_desc other_desc = { "other_local", NULL, "other_thread", __FILE__, 1, 1, 0, 0, 0 };
static uintptr_t other_lo, other_hi;

static void *other_thread(void *arg)
{
	(void)arg;
	rec_t frame[2] __attribute__((cleanup(__liballocs_stack_pop_frame)));
	__liballocs_stack_push_frame(frame, 2);
	long mine[4];
	use(mine);
	__liballocs_stack_activate(&frame[0], mine, sizeof mine, &other_desc, 0);
	pthread_attr_t attr;
	void *stack;
	size_t size;
	pthread_getattr_np(pthread_self(), &attr);
	pthread_attr_getstack(&attr, &stack, &size);
	pthread_attr_destroy(&attr);
	other_lo = (uintptr_t)stack;
	other_hi = (uintptr_t)stack + size;
	other_local = (int)((uintptr_t)mine - other_lo);
	pthread_barrier_wait(&other_ready);
	pthread_barrier_wait(&other_go);
	/* churn: the second record comes and goes while the main thread reads */
	char churn[32];
	use(churn);
	while (!other_stop)
	{
		rec_t *c __attribute__((cleanup(__liballocs_stack_scope_end)))
			= __liballocs_stack_activate(&frame[1], churn, sizeof churn, &other_desc, LIBALLOCS_STACK_F_VLA);
		(void)c;
	}
	pthread_barrier_wait(&other_ready);   /* lets the main thread look once more before we exit */
	pthread_barrier_wait(&other_go);
	return NULL;
}

static void test_other_threads(void)
{
	check_begin("another live thread's locals are found (bounded by its stack), even while it changes them; none after it exits");
	pthread_barrier_init(&other_ready, NULL, 2);
	pthread_barrier_init(&other_go, NULL, 2);
	pthread_t th;
	pthread_create(&th, NULL, other_thread, NULL);
	pthread_barrier_wait(&other_ready);
	void *mine = (void *)(other_lo + (uintptr_t)other_local);
	rec_t out;
	CHECK(__liballocs_stack_find(mine, 0, 0, &out) == 0, "found without bounds (own thread only)");
	CHECK(__liballocs_stack_find((char *)mine + 8, other_lo, other_hi, &out) == 1 && out.desc == &other_desc
		&& out.addr == mine && out.size == 4 * sizeof(long), "the other thread's local");
	pthread_barrier_wait(&other_go);
	int found = 0, unknown = 0, wrong = 0;
	for (int i = 0; i < 200000; i++)
	{
		int r = __liballocs_stack_find(mine, other_lo, other_hi, &out);
		found += r == 1;
		unknown += r == -1;
		wrong += r == 0 || (r == 1 && out.desc != &other_desc);
	}
	other_stop = 1;
	CHECK(wrong == 0 && found > 0, "while churning: %d found, %d unknown, %d wrong", found, unknown, wrong);
	pthread_barrier_wait(&other_ready);
	pthread_barrier_wait(&other_go);
	pthread_join(th, NULL);
	CHECK(__liballocs_stack_find(mine, other_lo, other_hi, &out) == 0, "an exited thread's records are still found");
	check_end();
}

static void test_initial_stack(int argc, char **argv, char **envp_at_start)
{
	check_begin("initial stack: argv, envp, auxv (ends in AT_NULL, holds AT_PAGESZ), strings area");
	struct __liballocs_initial_stack s;
	memset(&s, 0xff, sizeof s);
	__liballocs_get_initial_stack(&s);
	CHECK(s.argc == argc, "argc %d, want %d", s.argc, argc);
	CHECK(s.argv == argv, "argv %p, want %p", (void *)s.argv, (void *)argv);
	for (int i = 0; i <= argc && s.argv == argv; i++)
		CHECK(s.argv[i] == argv[i], "argv[%d]", i);
	CHECK(s.argv[s.argc] == NULL, "argv not null-terminated");
	CHECK(s.envp == envp_at_start, "envp %p, want environ at start %p", (void *)s.envp, (void *)envp_at_start);
	CHECK(s.envp == s.argv + s.argc + 1, "envp does not follow argv");
	CHECK(s.envp[s.envc] == NULL && s.envc > 0, "envc %lu", s.envc);
	int saw_test_env = 0;
	for (unsigned long i = 0; i < s.envc; i++)
		saw_test_env |= strcmp(s.envp[i], "LIBALLOCS_TEST_ENV=on") == 0;
	if (argc > 1 && strcmp(argv[1], "one") == 0)
		CHECK(saw_test_env, "LIBALLOCS_TEST_ENV=on not in the recorded environment");

	CHECK(s.auxv == (unsigned long *)(s.envp + s.envc + 1), "auxv does not follow envp");
	CHECK(s.auxv_pairs >= 2 && s.auxv_pairs < 256, "auxv_pairs %lu", s.auxv_pairs);
	if (s.auxv && s.auxv_pairs >= 1)
	{
		CHECK(s.auxv[2 * (s.auxv_pairs - 1)] == AT_NULL && s.auxv[2 * (s.auxv_pairs - 1) + 1] == 0, "last pair not AT_NULL");
		int pagesz_found = 0;
		for (unsigned long i = 0; i + 1 < s.auxv_pairs; i++)
		{
			CHECK(s.auxv[2 * i] != AT_NULL, "AT_NULL before the end");
			if (s.auxv[2 * i] == AT_PAGESZ)
				pagesz_found = s.auxv[2 * i + 1] == getauxval(AT_PAGESZ) && getauxval(AT_PAGESZ) == (unsigned long)sysconf(_SC_PAGESIZE);
		}
		CHECK(pagesz_found, "AT_PAGESZ with getauxval's value not in the pairs");
	}

	uintptr_t lo = UINTPTR_MAX, hi = 0;
	for (int i = 0; i < argc; i++)
	{
		lo = (uintptr_t)argv[i] < lo ? (uintptr_t)argv[i] : lo;
		hi = (uintptr_t)argv[i] + strlen(argv[i]) + 1 > hi ? (uintptr_t)argv[i] + strlen(argv[i]) + 1 : hi;
	}
	for (unsigned long i = 0; i < s.envc; i++)
	{
		lo = (uintptr_t)s.envp[i] < lo ? (uintptr_t)s.envp[i] : lo;
		hi = (uintptr_t)s.envp[i] + strlen(s.envp[i]) + 1 > hi ? (uintptr_t)s.envp[i] + strlen(s.envp[i]) + 1 : hi;
	}
	CHECK((uintptr_t)s.strings_begin == lo && (uintptr_t)s.strings_end == hi, "strings [%p, %p), want [%#lx, %#lx)",
		s.strings_begin, s.strings_end, (unsigned long)lo, (unsigned long)hi);
	CHECK((uintptr_t)s.strings_begin > (uintptr_t)(s.auxv + 2 * s.auxv_pairs), "strings not above auxv");
	check_end();
}

int main(int argc, char **argv)
{
	char **envp_at_start = environ;
	/* Run a second time through ld.so explicitly (which shifts argv on the stack). */
	check_program = argc > 1 && strcmp(argv[1], "via-ld.so") == 0
		? "stack_and_initial_stack (run as ld.so prog)" : "stack_and_initial_stack";
	setenv("LIBALLOCS_TEST_LATE", "1", 1);   /* moves environ; the record must not follow */
	test_initial_stack(argc, argv, envp_at_start);
	test_scopes();
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	*(void **)&libc_longjmp = libc ? dlsym(libc, "longjmp") : NULL;
	jump_test(JUMP_LONGJMP, "longjmp out of two frames drops their records before they are overwritten");
	jump_test(JUMP_UNDERSCORE, "_longjmp out of two frames");
	jump_test(JUMP_SIGLONGJMP, "siglongjmp out of two frames");
	jump_test(JUMP_CHK, "__longjmp_chk (_FORTIFY_SOURCE) out of two frames");
	if (libc_longjmp && (void *)libc_longjmp != (void *)longjmp)
		jump_test(JUMP_BYPASS, "longjmp the interposer does not see: the next push drops the dead records");
	else
	{
		check_begin("longjmp the interposer does not see");
		CHECK(0, "cannot find libc's own longjmp");
		check_end();
	}
	test_threads();
	test_frames();
	test_other_threads();
	return check_exit_status();
}
