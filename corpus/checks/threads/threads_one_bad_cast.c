/* Four threads cast correctly while a fifth casts to the wrong struct: exactly one report. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job { int id; long iterations; double result; };   /* 24 bytes */
struct result { double value; int id; };

static void *worker(void *arg)
{
  struct job *j = arg;                       /* right: silent */
  for (long i = 0; i < j->iterations; i++)
  {
    void *self = j;
    struct job *again = self;                /* right, many times: silent */
    again->result += 1;
  }
  return NULL;
}

static void *confused_worker(void *arg)
{
  struct result *r = arg;                    /* the bug: arg is a job */
  // CHECK: threads_one_bad_cast.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct result *' (is_a)
  // CHECK: is 0 bytes into a 'struct job' heap allocation of 24 bytes
  return (void *)r == arg ? arg : NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_t t[5];
  struct job *jobs[5];
  for (int i = 0; i < 5; i++)
  {
    jobs[i] = malloc(sizeof(struct job));
    jobs[i]->id = i;
    jobs[i]->iterations = 1000 * (i + 1);
    jobs[i]->result = 0;
  }
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, jobs[i]);
  pthread_create(&t[4], NULL, confused_worker, jobs[4]);
  int same = 0;
  for (int i = 0; i < 5; i++)
  {
    void *ret;
    pthread_join(t[i], &ret);
    same += ret == jobs[i];
  }
  for (int i = 0; i < 4; i++)
    printf("job %d: %g\n", jobs[i]->id, jobs[i]->result);
  // CHECK: job 0: 1000
  // CHECK: job 3: 4000
  printf("confused returned its argument: %d\n", same);
  // CHECK: confused returned its argument: 1
  for (int i = 0; i < 5; i++)
    free(jobs[i]);
  puts("done");
  // CHECK: done
  return 0;
}
