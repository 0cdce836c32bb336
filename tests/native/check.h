/* check.h: PASS/FAIL reporting for the C layer's tests (NativeLayerTests fails a program that prints a FAIL line or none with PASS). */
#ifndef LIBALLOCS_TEST_CHECK_H
#define LIBALLOCS_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static const char *check_program = "test";
static const char *check_case = "setup";
static int check_case_failures;   /* atomically updated: checks may fail on any thread */
static int check_total_failures;

/* Starts a named case; its checks are counted until check_end(). */
static inline void check_begin(const char *name)
{
	check_case = name;
	__atomic_store_n(&check_case_failures, 0, __ATOMIC_SEQ_CST);
}

/* Prints "PASS program: case" or "FAIL program: case (N failed checks)". */
static inline void check_end(void)
{
	int n = __atomic_load_n(&check_case_failures, __ATOMIC_SEQ_CST);
	if (n == 0)
		printf("PASS %s: %s\n", check_program, check_case);
	else
		printf("FAIL %s: %s (%d failed checks)\n", check_program, check_case, n);
	fflush(stdout);
	check_total_failures += n;
}

/* Exit status for main: 0 when every check passed, 1 otherwise. */
static inline int check_exit_status(void)
{
	return check_total_failures ? 1 : 0;
}

/* Records a failed check; prints the first 20 of each case (indented, so not counted as FAILs). */
#define CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			int n_ = __atomic_add_fetch(&check_case_failures, 1, __ATOMIC_SEQ_CST); \
			if (n_ <= 20) { \
				flockfile(stdout); \
				printf("  check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
				printf(__VA_ARGS__); \
				printf("\n"); \
				fflush(stdout); \
				funlockfile(stdout); \
			} \
		} \
	} while (0)

#endif
