/* initial_stack.c: records the argument, environment and auxiliary vectors the kernel put on the initial stack. */
/*
 * glibc calls every .init_array entry, in shared objects too, as f(argc, argv, envp) with the
 * values from the initial stack, where the kernel laid out
 *   argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL, auxv pairs ..., AT_NULL pair
 * followed higher up by the strings. We derive envp from argv (argv + argc + 1) rather than
 * trusting the envp argument, which is the current `environ` (a copy after setenv) when the
 * library is loaded late, and we cross-check the auxv we find against getauxval().
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include "liballocs_c.h"

#define AUXV_MAX_PAIRS 256ul   /* far beyond the ~30 entries Linux writes */

static struct __liballocs_initial_stack initial;

/* Extends [*lo, *hi) to cover the string s including its NUL. */
static void cover_string(const char *s, uintptr_t *lo, uintptr_t *hi)
{
	if (s == NULL)
		return;
	uintptr_t b = (uintptr_t)s, e = b + strlen(s) + 1;
	if (b < *lo)
		*lo = b;
	if (e > *hi)
		*hi = e;
}

/* Pairs in auxv up to and including AT_NULL, or 0 when this does not look like the vector
 * glibc itself read (getauxval answers from glibc's own copy of the pointer). */
static unsigned long auxv_validate(const unsigned long *auxv, unsigned long max_pairs)
{
	unsigned long pairs = 0, checked = 0;
	while (pairs < max_pairs)
	{
		unsigned long type = auxv[2 * pairs], value = auxv[2 * pairs + 1];
		pairs++;
		if (type == AT_NULL)
			break;
		if (type == AT_PAGESZ || type == AT_RANDOM || type == AT_PHDR || type == AT_ENTRY)
		{
			if (getauxval(type) != value)
				return 0;
			checked++;
		}
	}
	if (pairs == 0 || auxv[2 * (pairs - 1)] != AT_NULL || checked == 0)
		return 0;
	return pairs;
}

static void record_initial_stack(int argc, char **argv, char **envp)
{
	if (argc < 0 || argv == NULL || argv[argc] != NULL)
		return;
	initial.argc = argc;
	initial.argv = argv;
	/* The kernel's envp follows argv's terminating null. */
	(void)envp;
	char **env = argv + argc + 1;
	unsigned long envc = 0;
	while (env[envc] != NULL)
		envc++;
	initial.envp = env;
	initial.envc = envc;

	uintptr_t lo = UINTPTR_MAX, hi = 0;
	for (int i = 0; i < argc; i++)
		cover_string(argv[i], &lo, &hi);
	for (unsigned long i = 0; i < envc; i++)
		cover_string(env[i], &lo, &hi);
	if (hi != 0)
	{
		initial.strings_begin = (void *)lo;
		initial.strings_end = (void *)hi;
	}

	/* The strings lie above the auxv, so they bound how far we may read looking for AT_NULL. */
	unsigned long *auxv = (unsigned long *)(env + envc + 1);
	unsigned long max_pairs = AUXV_MAX_PAIRS;
	if (hi != 0 && lo > (uintptr_t)auxv && (lo - (uintptr_t)auxv) / 16 < max_pairs)
		max_pairs = (lo - (uintptr_t)auxv) / 16;
	unsigned long pairs = auxv_validate(auxv, max_pairs);
	if (pairs)
	{
		initial.auxv = auxv;
		initial.auxv_pairs = pairs;
	}
}

/* A constructor attribute would not receive the arguments; an .init_array entry does. Not
 * const: .init_array is a writable section, and a const object there conflicts under LTO. */
__attribute__((section(".init_array"), used))
static void (*record_initial_stack_entry)(int, char **, char **) = record_initial_stack;

LIBALLOCS_EXPORT void __liballocs_get_initial_stack(struct __liballocs_initial_stack *out)
{
	if (out)
		*out = initial;
}
