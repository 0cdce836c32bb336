/* liballocs_checks.h: the cast checks allocscc inserts, with their inline fast path.
 *
 * A checked cast `(T *) e` becomes `(T *) __liballocs_check((e), &__liballocs_cast_N)`: the
 * operand is evaluated exactly once and returned unchanged, so the program's behaviour is the
 * same whether the check passes or fails (unless halt_on_error is set).
 *
 * The fast path asks a small per-thread cache of facts the runtime has already confirmed,
 * "at lo + k * period (k >= 0) below hi lies an object of type t" (libcrunch's memrange cache);
 * only misses leave the caller. A fact about heap memory is valid for one "free generation":
 * freeing a chunk that a fact was derived from bumps the generation, invalidating every fact.
 *
 * Included (like liballocs_meta.h) before the user's own headers: no system headers here.
 */
#ifndef LIBALLOCS_CHECKS_H
#define LIBALLOCS_CHECKS_H

#include "liballocs_meta.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The check kinds: one table, used by the instrumenter, the runtime, reports and suppressions (C#: Liballocs.Contract's
 * CheckKind and CheckKindTable, generated from this table by contract/Generator). */
#define LIBALLOCS_CHECK_KINDS(X) \
	X(IS_A,                    0, "is_a")                   /* is_a(p, T): a subobject of type T starts at p */ \
	X(LIKE_A,                  1, "like_a")                 /* like_a(p, T): a composite laid out like T starts at p */ \
	X(LOOSELY_LIKE_A,          2, "loosely_like_a")         /* loosely_like_a(p, void *): a pointer of any pointee type is at p */ \
	X(NAMED_A,                 3, "named_a")                /* named_a(p, "tag"): a struct, union or enum with that tag starts at p (the type is incomplete at the cast) */ \
	X(IS_A_FUNCTION_REFINING,  4, "is_a_function_refining") /* is_a_function_refining(p, F): p is a function whose type refines F */ \
	X(IS_A_POINTER_OF_DEGREE,  5, "is_a_pointer_of_degree") /* is_a_pointer_of_degree(p, d): a pointer of at least d levels is at p */

enum __liballocs_check_kind
{
#define LIBALLOCS_CHECK_ENUM(name, value, text) LIBALLOCS_CHECK_##name = value,
	LIBALLOCS_CHECK_KINDS(LIBALLOCS_CHECK_ENUM)
#undef LIBALLOCS_CHECK_ENUM
	LIBALLOCS_CHECK_KIND_COUNT
};

#pragma pack(push, 8)   /* natural layout under a program's own #pragma pack (see uniqtype.h) */

/* One checked cast in instrumented source. */
struct __liballocs_castsite
{
	const char *file;                  /* source file as given on the command line */
	unsigned line, column;             /* of the cast (or of the converted expression) */
	const char *function;              /* enclosing function (null for a cast in a macro definition
	                                      expanded in several functions) */
	unsigned kind;                     /* enum __liballocs_check_kind */
	unsigned degree;                   /* is_a_pointer_of_degree: pointer levels required */
	const struct uniqtype *target;     /* pointee type T of the cast (null when incomplete) */
	const char *target_type_name;      /* uniqtype name of T, also for named_a */
	const char *target_c_type;         /* the cast's type as C spells it, e.g. "struct foo *" */
};

/* A fact of the check cache: "a check of this key and kind passes at these addresses". */
struct __liballocs_check_fact
{
	unsigned long lo, hi, period;      /* addresses lo + k * period below hi; period 0: lo only */
	const void *key;                   /* what was checked: the target uniqtype, or the cast site
	                                      itself when the target is incomplete (named_a) */
	unsigned kind_and_degree;          /* check kind | degree << 8 */
	unsigned long generation;          /* free generation it was confirmed in */
};

#pragma pack(pop)

/* The cache is set-associative: a key's facts live in one set of LIBALLOCS_CHECK_CACHE_WAYS slots, chosen by
 * __liballocs_check_cache_set, so a check compares 4 slots, not all 16 (most checks of an interpreter or a database miss
 * the cache, and paid for comparing every slot). Within a set, the first half of the ways holds the runtime's facts and
 * the second half the C layer's point facts (checks/native/check_slow.c, publish_fact). */
#define LIBALLOCS_CHECK_CACHE_SET_BITS 2
#define LIBALLOCS_CHECK_CACHE_SETS (1 << LIBALLOCS_CHECK_CACHE_SET_BITS)
#define LIBALLOCS_CHECK_CACHE_WAYS 4
#define LIBALLOCS_CHECK_CACHE_SIZE (LIBALLOCS_CHECK_CACHE_SETS * LIBALLOCS_CHECK_CACHE_WAYS)

/* The names the inline checks link against carry LIBALLOCS_META_VERSION (__liballocs_check_slow is
 * __liballocs_check_slow_v8u in the symbol tables of version 8u; before 8 they had none): an object compiled for another layout of the cache, a fact
 * or a cast site references names this C layer does not define, so its weak references stay null and its checks are
 * skipped (__LIBALLOCS_LINKED), where they would misread the cache; the runtime names the unit to rebuild. Everything that
 * uses these names includes this header. */
#define __LIBALLOCS_VERSIONED2(name, version) name##_v##version
#define __LIBALLOCS_VERSIONED1(name, version) __LIBALLOCS_VERSIONED2(name, version)
#define __LIBALLOCS_VERSIONED(name) __LIBALLOCS_VERSIONED1(name, LIBALLOCS_META_VERSION)
#define __liballocs_check_cache __LIBALLOCS_VERSIONED(__liballocs_check_cache)
#define __liballocs_check_slow __LIBALLOCS_VERSIONED(__liballocs_check_slow)
#define __liballocs_check_slow_at_line __LIBALLOCS_VERSIONED(__liballocs_check_slow_at_line)
extern __thread struct __liballocs_check_fact __liballocs_check_cache[LIBALLOCS_CHECK_CACHE_SIZE]
	__attribute__((tls_model("initial-exec"))) __LIBALLOCS_ENTRY;
/* Checks answered by the cache in this thread (the runtime adds them up at thread exit). */
extern __thread unsigned long __liballocs_check_cache_hits __attribute__((tls_model("initial-exec"))) __LIBALLOCS_ENTRY;
/* Bumped (atomically) whenever memory some cached fact was derived from is freed. */
extern unsigned long __liballocs_free_generation __LIBALLOCS_ENTRY;

/* Counts one check answered without the runtime. One instruction on x86-64, so that a signal handler's check cannot land
 * between the load and the store of a `++` (gcc -O0 splits it) and be lost; a relaxed atomic elsewhere. */
static __inline__ __attribute__((always_inline)) void __liballocs_count_cache_hit(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__ ("{incq %0|inc %0}" : "+m" (__liballocs_check_cache_hits));
#else
	__atomic_fetch_add(&__liballocs_check_cache_hits, 1, __ATOMIC_RELAXED);
#endif
}

/* Slow path (C layer, then the C# runtime): checks p against site, reports a failure, may
 * add a fact to this thread's cache. Returns p. */
__LIBALLOCS_ENTRY void *__liballocs_check_slow(const volatile void *p, const struct __liballocs_castsite *site);

/* Slow path of a check in a macro's definition (see __liballocs_check_at_line): as
 * __liballocs_check_slow, but a report names `line` (the line of the macro's use) and column 0
 * instead of the site's line and column (the cast's place in the definition); unless line is 0. */
__LIBALLOCS_ENTRY void *__liballocs_check_slow_at_line(const volatile void *p, const struct __liballocs_castsite *site, unsigned line);

/* Whether fact f's addresses (lo + k * period below hi; lo only when period is 0) include a. */
static __inline__ __attribute__((always_inline)) int
__liballocs_fact_covers(const struct __liballocs_check_fact *f, unsigned long a)
{
	return a >= f->lo && a < f->hi && (f->period ? (a - f->lo) % f->period == 0 : a == f->lo);
}

/* The index of the first slot of the set holding key's facts (a multiplicative hash: uniqtypes and castsites lie at
 * addresses whose low bits vary little). */
static __inline__ __attribute__((always_inline)) unsigned
__liballocs_check_cache_set(const void *key)
{
	return (unsigned)(((unsigned long)key * 0x9e3779b97f4a7c15ull) >> (64 - LIBALLOCS_CHECK_CACHE_SET_BITS))
		* LIBALLOCS_CHECK_CACHE_WAYS;
}

/* The fast path: whether null p, the runtime's absence or a cached fact answers the check of p
 * against site. */
static __inline__ __attribute__((always_inline)) int
__liballocs_check_cached(unsigned long a, const struct __liballocs_castsite *site)
{
	const void *key = site->target ? (const void *)site->target : (const void *)site;
	unsigned kind_and_degree = site->kind | site->degree << 8;
	unsigned long generation;
	const struct __liballocs_check_fact *set, *f;
	int i;
	if (a == 0 || !__LIBALLOCS_LINKED(__liballocs_check_slow))
		return 1;   /* null passes; without the runtime every check is inert (liballocs_meta.h) */
	generation = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
	set = &__liballocs_check_cache[__liballocs_check_cache_set(key)];
	for (i = 0; i < LIBALLOCS_CHECK_CACHE_WAYS; i++)
	{
		f = &set[i];
		if (f->key == key && f->kind_and_degree == kind_and_degree && f->generation == generation
			&& __liballocs_fact_covers(f, a))
		{
			__liballocs_count_cache_hit();
			return 1;
		}
	}
	return 0;
}

/* The address a check works on, as an integer out of gcc's sight: the check reads no memory through
 * it, so a pointer to freed memory or to a dead local must not make gcc warn (-Wuse-after-free,
 * -Wdangling-pointer) where the program itself only converts it. */
static __inline__ __attribute__((always_inline)) unsigned long
__liballocs_check_launder(const volatile void *p)
{
	unsigned long a;
	__asm__ ("" : "=r" (a) : "0" (p));
	return a;
}

/* p, after a call into the slow path: the call is then no tail call, so the function with the cast keeps its frame, where a
 * report's stack begins (a function that only returns a cast would otherwise jump to the slow path, leaving its caller's). */
static __inline__ __attribute__((always_inline)) void *
__liballocs_check_kept(void *p)
{
	__asm__ __volatile__ ("" : "+r" (p));
	return p;
}

/* The check of a cast to an object pointer type: `(T *) e` becomes
 * `(T *) __liballocs_check((const volatile void *)(e), &site)`, and an implicit conversion
 * from void * becomes `__liballocs_check(e, &site)`. Returns p. */
static __inline__ __attribute__((always_inline)) void *
__liballocs_check(const volatile void *p, const struct __liballocs_castsite *site)
{
	unsigned long a = __liballocs_check_launder(p);   /* an integer: no -Wcast-qual on return */
	if (__liballocs_check_cached(a, site))
		return (void *)a;
	__liballocs_check_slow((const volatile void *)a, site);
	return __liballocs_check_kept((void *)a);
}

/* The check of a cast written inside a macro defined in the instrumented file, when the macro
 * holds more than the cast: allocscc rewrites the definition once, `(T *)(e)` becoming
 * `(T *)__liballocs_check_at_line((const volatile void *)(e), &site, __LINE__)`. __LINE__ in a
 * macro's body is the line of its use, so each expansion reports where it was used. Returns p. */
static __inline__ __attribute__((always_inline)) void *
__liballocs_check_at_line(const volatile void *p, const struct __liballocs_castsite *site, unsigned line)
{
	unsigned long a = __liballocs_check_launder(p);
	if (__liballocs_check_cached(a, site))
		return (void *)a;
	__liballocs_check_slow_at_line((const volatile void *)a, site, line);
	return __liballocs_check_kept((void *)a);
}

/* The check of a cast to a function pointer type F: `(F) e` becomes
 * `(F) __liballocs_check_function((void (*)(void))(e), &site)`. void (*)(void) converts to and
 * from every function pointer type without -Wcast-function-type warnings. Returns p. */
static __inline__ __attribute__((always_inline)) void (*
__liballocs_check_function(void (*p)(void), const struct __liballocs_castsite *site))(void)
{
	__liballocs_check((const volatile void *)(unsigned long)p, site);
	return p;
}

/* The check of a cast to a function pointer type in a macro's definition, as
 * __liballocs_check_at_line. Returns p. */
static __inline__ __attribute__((always_inline)) void (*
__liballocs_check_function_at_line(void (*p)(void), const struct __liballocs_castsite *site, unsigned line))(void)
{
	__liballocs_check_at_line((const volatile void *)(unsigned long)p, site, line);
	return p;
}

#ifdef __cplusplus
}
#endif
#endif
