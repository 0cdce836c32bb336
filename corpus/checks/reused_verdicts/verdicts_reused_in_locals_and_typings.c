/* Reused verdicts (checks/README.md, "How a check is answered") in a local's activations and in inferred typings: a cast site
 * checked in each new activation of one local, or in each of many objects that casts typed inside untyped heap memory, gets
 * the runtime's verdict, reused, and a differently typed object among them still gets its own. */
#include <stdio.h>
#include <stdlib.h>

struct pair { long first; long second; };
struct wide { double x; double y; };
struct other { double d; };

#define CALLS 50
#define OBJECTS 64

static long in_a_local(int i)
{
  struct pair p = { i, 2 * i };
  long *second = (long *)(void *)&p.second;       /* a member: passes in every activation */
  // CHECK-NOT: verdicts_reused_in_locals_and_typings.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct other *o = (struct other *)(void *)&p;   /* the bug, in every activation: one report, counted CALLS times */
  // CHECK: verdicts_reused_in_locals_and_typings.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct other *' (is_a)
  // CHECK: is 0 bytes into a 'struct pair' stack allocation
  return *second + (o != NULL);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  long sum = 0;
  for (int i = 0; i < CALLS; i++)
    sum += in_a_local(i);
  printf("locals %ld\n", sum);
  // CHECK: locals 2500
  size_t unit = sizeof(struct pair) * (sum > 0);    /* untyped: no sizeof the allocation can read */
  char *arena = malloc(sizeof(long) + OBJECTS * unit);   /* objects after a word no cast types: no cast at the base */
  for (int i = 0; i < OBJECTS; i++)
  {
    void *at = arena + sizeof(long) + i * unit;
    if (i == 5)
    {
      struct wide *w = (struct wide *)at;         /* one object of another kind: typed so */
      w->x = w->y = 0.5;
    }
    else
    {
      struct pair *q = (struct pair *)at;         /* each types its object: an inferred typing */
      // CHECK-NOT: verdicts_reused_in_locals_and_typings.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
      q->first = q->second = i;
    }
  }
  long seconds = 0;
  for (int i = 0; i < OBJECTS; i++)
  {
    long *second = (long *)(void *)(arena + sizeof(long) + i * unit + sizeof(long));   /* passes in a pair; not in a wide */
    // CHECK-NOT: verdicts_reused_in_locals_and_typings.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    seconds += i == 5 ? 0 : *second;
  }
  printf("seconds %ld\n", seconds);
  // CHECK: seconds 2011
  free(arena);
  puts("done");
  // CHECK: done
  /* 50 + 50 in locals (the runtime answers the first of each cast), 64 typings made (by the runtime: they record), 63 second
   * members (the runtime answers the first) and the wide's y re-typed as a long: unknown storage, as the runtime answers it,
   * never a reused pass. 49 + 62 passes reused. */
  // CHECK: liballocs: 228 checks begun: 177 passed (111 via cache), 50 failed, 1 unknown storage, 0 suppressed
  // CHECK: unknown storage by cause: 1 inferred type differs
  // CHECK: 50x {{.*}}verdicts_reused_in_locals_and_typings.c:19:{{[0-9]+}} bad cast to 'struct other *' (is_a)
  return 0;
}
