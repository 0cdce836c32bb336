/* Casts into the locals of other live threads are checked against those threads' records:
 * four threads each publish a local, the main thread casts into all of them (wrong and right)
 * while each keeps pushing and popping frames of its own. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

struct sample { int id; double value; };
struct other { double value; int id; };

#define THREADS 4
static pthread_barrier_t published, checked;
static void *locals[THREADS];
static volatile int stop;

static int __attribute__((noinline)) churn(int depth)
{
  int scratch[4] = { depth, depth, depth, depth };
  int *p = (int *)(void *)scratch;            /* right: silent */
  return depth > 0 ? churn(depth - 1) + p[1] : p[0];
}

static void *worker(void *arg)
{
  struct sample mine = { (int)(long)arg, 0.5 };
  locals[(long)arg] = &mine;
  pthread_barrier_wait(&published);
  long sum = 0;
  while (!stop)
  {
    sum += churn(8);
    sched_yield();
  }
  pthread_barrier_wait(&checked);
  return (void *)(sum >= 0 ? arg : NULL);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_barrier_init(&published, NULL, THREADS + 1);
  pthread_barrier_init(&checked, NULL, THREADS + 1);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  pthread_barrier_wait(&published);
  int right = 0, wrong = 0;
  for (int round = 0; round < 100; round++)
    for (int i = 0; i < THREADS; i++)
    {
      struct sample *s = (struct sample *)locals[i];   /* right: silent */
      // CHECK-NOT: threads_other_threads_locals.c:[[@LINE-1]]:
      struct other *o = (struct other *)locals[i];     /* the bug: a sample is no other */
      // CHECK: threads_other_threads_locals.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct other *' (is_a)
      // CHECK: is 0 bytes into a 'struct sample' stack allocation of 16 bytes
      // CHECK: declared as 'mine' in worker
      right += s->id == i;
      wrong += o != NULL;
    }
  stop = 1;
  pthread_barrier_wait(&checked);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%d right, %d wrong\n", right, wrong);
  // CHECK: 400 right, 400 wrong
  return 0;
}
