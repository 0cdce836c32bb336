/* A cast to the very type a chunk's allocation site names, at the chunk's base, is answered by the C layer alone: the runtime's
 * verdict could only be a pass (checks/README.md, "How a check is answered"). A process whose checks are all of this kind never
 * loads the runtime; the pass is counted and cached as the runtime's would be, and every other check still goes to the runtime:
 * a wrong type, an address inside the chunk, a freed chunk, a chunk too small to hold one whole object. */
#include <stdio.h>
#include <stdlib.h>
#include "runtime_loaded.h"
#include "cached.h"

struct node { struct node *next; int value; };
struct leaf { double weight; };

#define NODES 50

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  void *nodes[NODES];
  for (int i = 0; i < NODES; i++)
    nodes[i] = malloc(sizeof(struct node));       /* typed: struct node */
  void *row = calloc(4, sizeof(struct node));     /* typed: an array of struct node */
  long sum = 0;
  for (int i = 0; i < NODES; i++)
  {
    struct node *n = (struct node *)nodes[i];
    // CHECK-NOT: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    n->value = i;
    sum += n->value;
  }
  struct node *first = (struct node *)row;
  // CHECK-NOT: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  first->value = 1;
  printf("sum %ld, runtime loaded %d, cached %d\n", sum + first->value, runtime_loaded(), cached(nodes[NODES - 1]));
  // CHECK: sum 1226, runtime loaded 0, cached 1
  struct node *second = (struct node *)(void *)((char *)row + sizeof(struct node));   /* not the base: the runtime's */
  // CHECK-NOT: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  second->value = 2;
  printf("runtime loaded %d\n", runtime_loaded());
  // CHECK: runtime loaded 1
  struct leaf *wrong = (struct leaf *)nodes[3];
  // CHECK: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct leaf *' (is_a)
  // CHECK: is 0 bytes into a 'struct node' heap allocation of 16 bytes
  printf("wrong %s\n", (void *)wrong == nodes[3] ? "aliases" : "?");
  // CHECK: wrong aliases
  free(nodes[5]);
  struct node *stale = (struct node *)nodes[5];
  // CHECK: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  printf("stale %s\n", (void *)stale == nodes[5] ? "aliases" : "?");
  // CHECK: stale aliases
  struct node *small = malloc(4);                 /* typed struct node by its destination, but too small for one */
  struct node *cut = (struct node *)(void *)small;   /* the runtime finds no whole node: unknown storage, counted */
  // CHECK-NOT: site_type_answered_without_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("cut %s\n", (void *)cut == (void *)small ? "aliases" : "?");
  // CHECK: cut aliases
  free(small);
  for (int i = 0; i < NODES; i++)
    if (i != 5)
      free(nodes[i]);
  free(row);
  puts("done");
  // CHECK: done
  /* The 50 nodes' casts and the row's first: the C layer's; the row's second: the runtime's pass; two failures; the small chunk
   * at its allocation and at its cast: unknown storage. */
  // CHECK: liballocs: 56 checks begun: 52 passed (51 via cache), 2 failed, 2 unknown storage, 0 suppressed
  return 0;
}
