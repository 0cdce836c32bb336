/* malloc_bench.c: ns per malloc(64)+free pair, on 1..N threads; run plain and with LD_PRELOAD=libliballocs.so. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PAIRS 20000000ul
#define LIVE 64   /* a few live chunks per thread, as real programs have */

static void *run(void *arg)
{
	(void)arg;
	void *live[LIVE] = { 0 };
	for (unsigned long i = 0; i < PAIRS; i++)
	{
		unsigned slot = (unsigned)(i * 2654435761u) % LIVE;
		free(live[slot]);
		live[slot] = malloc(64);
		__asm__ volatile("" : : "r"(live[slot]) : "memory");
	}
	for (int i = 0; i < LIVE; i++)
		free(live[i]);
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 1;
	const char *label = argc > 2 ? argv[2] : "";
	if (threads < 1 || threads > 64)
		threads = 1;
	pthread_t th[64];
	double best = 1e30;
	for (int rep = 0; rep < 3; rep++)
	{
		double t0 = now();
		for (int i = 0; i < threads; i++)
			pthread_create(&th[i], NULL, run, NULL);
		for (int i = 0; i < threads; i++)
			pthread_join(th[i], NULL);
		double elapsed = now() - t0;
		if (elapsed < best)
			best = elapsed;
	}
	/* Wall time per pair on each thread (the threads run concurrently). */
	printf("bench: %-30s %d thread%s: %.1f ns per malloc(64)+free pair (wall, per thread)\n",
		label, threads, threads == 1 ? " " : "s", best * 1e9 / (double)PAIRS);
	return 0;
}
