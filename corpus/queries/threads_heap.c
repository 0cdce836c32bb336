/* Chunks allocated by several threads are all indexed; each thread sees its own locals. */
#include <allocs.h>
#include <pthread.h>
#include <stdio.h>

struct job { int id; double *data; };

static void *work(void *arg)
{
  struct job *j = arg;
  int local = j->id;
  const void *lp = &local;
  for (int i = 0; i < 1000; i++)
  {
    double *d = malloc(8 * sizeof(double));
    const struct uniqtype *t = alloc_get_type(&d[5]);
    if (t != __liballocs_uniqtype_by_name("__ARR8_float$64")) return (void *)1;
    free(d);
  }
  j->data = malloc(4 * sizeof(double));
  return alloc_get_allocator(lp) && alloc_get_size(lp) == sizeof local ? 0 : (void *)2;
}

int main(void)
{
  pthread_t t[4]; struct job jobs[4];
  int bad = 0;
  for (int i = 0; i < 4; i++) { jobs[i].id = i; pthread_create(&t[i], 0, work, &jobs[i]); }
  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); bad += r != 0; }
  for (int i = 0; i < 4; i++)
    printf("job %d: %s %s\n", i, alloc_get_allocator(jobs[i].data)->name, UNIQTYPE_NAME(alloc_get_type(jobs[i].data)));
  // CHECK: job 0: malloc __ARR4_float$64
  // CHECK: job 3: malloc __ARR4_float$64
  printf("bad threads: %d\n", bad);
  // CHECK: bad threads: 0
  return 0;
}
