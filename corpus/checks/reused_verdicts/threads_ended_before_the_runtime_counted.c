/* Threads whose every check the C layer answered without the runtime (casts to their chunks' own site type), ending before
 * the runtime is loaded at all: their checks are in the exit summary all the same, none lost with its thread-local counter. */
// ALLOCSCC-FLAGS: -O2 -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "runtime_loaded.h"

struct item { long id; double weight; };

#define THREADS 4
#define CHECKS 1000

static void *worker(void *arg)
{
  (void)arg;
  long sum = 0;
  for (long i = 0; i < CHECKS; i++)
  {
    void *p = malloc(sizeof(struct item));
    struct item *it = (struct item *)p;
    // CHECK-NOT: threads_ended_before_the_runtime_counted.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    it->id = i;
    sum += it->id;
    free(it);
  }
  return (void *)sum;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check, and at exit */
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  long total = 0;
  for (int i = 0; i < THREADS; i++)
  {
    void *sum;
    pthread_join(threads[i], &sum);
    total += (long)sum;
  }
  printf("total %ld, runtime loaded %d\n", total, runtime_loaded());
  // CHECK: total 1998000, runtime loaded 0
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 4000 checks begun: 4000 passed (4000 via cache), 0 failed, 0 unknown storage, 0 suppressed
  return 0;
}
