/* A thread still running when the program exits: the checks its caches answered (inline facts, reused verdicts) are in the
 * exit summary, as are those of threads that ended; none is lost with its thread-local counter. */
// ALLOCSCC-FLAGS: -O2 -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct item { long id; double weight; };

#define CHECKS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_checking = PTHREAD_COND_INITIALIZER;
static int checked;

static void *worker(void *arg)
{
  void *objects[16];
  for (int i = 0; i < 16; i++)
    objects[i] = malloc(sizeof(struct item));
  double sum = 0;
  for (long i = 0; i < CHECKS; i++)
  {
    /* One object (facts) or sixteen (reused verdicts); its first member, so that the runtime answers each cast site's first
     * check (a cast to the site's own type the C layer would answer alone). */
    long *id = (long *)objects[i % (arg ? 16 : 1)];
    // CHECK-NOT: threads_running_at_exit_counted.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    *id = i;
    sum += (double)*id;
  }
  pthread_mutex_lock(&lock);
  checked++;
  pthread_cond_signal(&done_checking);
  pthread_mutex_unlock(&lock);
  if (arg)
    for (;;)
      pause();   /* still running at exit */
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  pthread_t ended, running;
  pthread_create(&ended, NULL, worker, NULL);
  pthread_join(ended, NULL);
  pthread_create(&running, NULL, worker, (void *)1);
  pthread_mutex_lock(&lock);
  while (checked < 2)
    pthread_cond_wait(&done_checking, &lock);
  pthread_mutex_unlock(&lock);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 200000 checks begun: 200000 passed ({{[0-9]+}} via cache), 0 failed, 0 unknown storage, 0 suppressed
  exit(0);
}
