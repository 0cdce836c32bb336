/* Four threads each free chunks and cast stale pointers into them while the others allocate and
 * free: every such cast is reported as use-after-free (one distinct report), casts into live
 * chunks stay silent, and no quarantined chunk is handed out while a stale pointer to it is used. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct item { long id; double weight; };

#define THREADS 4
#define ROUNDS 200

static void *worker(void *arg)
{
  long stale_casts = 0, reused = 0;
  for (int r = 0; r < ROUNDS; r++)
  {
    struct item *it = malloc(sizeof(struct item));
    it->id = (long)arg;
    struct item *live = (struct item *)(void *)it;   /* right: silent */
    // CHECK-NOT: threads_cast_into_freed_chunks.c:[[@LINE-1]]:
    free(live);
    void *stale = it;
    struct item *fresh = malloc(sizeof(struct item));
    reused += (void *)fresh == stale;
    struct item *bad = (struct item *)stale;         /* the bug: freed */
    // CHECK: threads_cast_into_freed_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct item *' (is_a) into freed memory
    // CHECK: freed by free called from
    stale_casts += bad != NULL;
    free(fresh);
  }
  return (void *)(reused == 0 && stale_casts == ROUNDS ? arg : NULL);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  int ok = 0;
  for (long i = 0; i < THREADS; i++)
  {
    void *ret;
    pthread_join(t[i], &ret);
    ok += ret == (void *)(i + 1);
  }
  printf("%d threads never saw a quarantined chunk reused\n", ok);
  // CHECK: 4 threads never saw a quarantined chunk reused
  return 0;
}
// CHECK: liballocs: 1600 checks begun: 800 passed ({{[0-9]+}} via cache), 800 failed, 0 unknown storage
