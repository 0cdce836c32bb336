/* A pass reused inside an inferred typing caches a fact for its address (checks/README.md, "How a check is answered"), and the
 * typing is marked for it: when a later cast re-types that memory, the fact expires, and the same check again meets what the
 * memory now holds (another inferred type: unknown storage), not a cached pass. */
#include <stdio.h>
#include <stdlib.h>
#include "cached.h"

struct pair { long first; long second; };
struct wide { double x; double y; };

#define OBJECTS 4

/* The one cast site of the checks counted below: an object's second member. */
static long *second_of(char *object) { return (long *)(void *)(object + sizeof(long)); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  size_t unit = sizeof(struct pair) * (OBJECTS > 0);   /* untyped: no sizeof the allocation can read */
  char *arena = malloc(sizeof(long) + OBJECTS * unit);  /* objects after a word no cast types */
  for (int i = 0; i < OBJECTS; i++)
  {
    struct pair *q = (struct pair *)(void *)(arena + sizeof(long) + i * unit);   /* types each object: an inferred typing */
    q->first = q->second = i;
  }
  long sum = 0;
  for (int i = 0; i < OBJECTS; i++)   /* the runtime answers the first; the rest reuse its verdict */
    sum += *second_of(arena + sizeof(long) + i * unit);
  printf("sum %ld\n", sum);
  // CHECK: sum 6
  /* Typings the runtime makes at a re-typing cast carry no fact (the cast met unknown storage), so nothing has marked them yet:
   * the third object becomes a wide, then a pair again. */
  char *third = arena + sizeof(long) + 2 * unit;
  struct wide *w = (struct wide *)(void *)third;
  w->x = w->y = 0.5;
  struct pair *again = (struct pair *)(void *)third;
  again->first = again->second = 2;
  long *second = second_of(third);                    /* a pair's member: a pass reused, cached, and the typing marked */
  printf("second %ld cached %d\n", *second, cached(second));
  // CHECK: second 2 cached 1
  w = (struct wide *)(void *)third;                   /* re-types it: the cached pass expires with the marked typing */
  w->x = w->y = 0.5;
  printf("cached after re-typing %d\n", cached(third + sizeof(long)));
  // CHECK: cached after re-typing 0
  long *stale = second_of(third);                     /* a double now, as far as the casts say: unknown storage */
  printf("stale %s\n", (void *)stale == (void *)(third + sizeof(long)) ? "aliases" : "?");
  // CHECK: stale aliases
  free(arena);
  puts("done");
  // CHECK: done
  /* 4 typings made, 4 second members (3 reused), 3 re-typing casts (unknown storage), the member of the pair again (reused)
   * and of the wide (unknown storage). */
  // CHECK: liballocs: 13 checks begun: 9 passed (4 via cache), 0 failed, 4 unknown storage, 0 suppressed
  return 0;
}
