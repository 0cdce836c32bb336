/* The C layer keeps the checked address of every cached fact as a point (check_slow.c, the second level of the fact cache), so
 * that a thread checking more objects in turn than the inline cache holds is answered without the heap index. A point is a
 * fact: once its chunk is freed, a check on a stale pointer there is a use after free again, not a cached pass, though the
 * other objects' points stay in the table. The nodes lie inside their chunks: a check at a chunk's base is answered by its
 * reused verdict ahead of the points. */
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int value; };
struct holder { long tag; struct node node; };

#define NODES 32   /* four times the inline cache */

/* The one cast site: every node is checked here, round after round. */
static struct node *as_node(void *p) { return (struct node *)p; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  void *nodes[NODES];
  struct holder *holders[NODES];
  for (int i = 0; i < NODES; i++)
  {
    holders[i] = malloc(sizeof(struct holder));
    holders[i]->node.value = i;
    nodes[i] = &holders[i]->node;
  }
  long sum = 0;
  for (int round = 0; round < 3; round++)   /* the runtime answers the first check, reused verdicts the first round, points the rest */
    for (int i = 0; i < NODES; i++)
      sum += as_node(nodes[i])->value;
  printf("sum %ld\n", sum);
  // CHECK: sum 1488
  free(holders[7]);
  struct node *stale = as_node(nodes[7]);
  // CHECK: points_answer_until_free.c:15:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  printf("stale %s\n", (void *)stale == nodes[7] ? "aliases" : "?");
  // CHECK: stale aliases
  for (int i = 0; i < NODES; i++)   /* the other nodes pass, once more */
    if (i != 7)
      sum += as_node(nodes[i])->value;
  printf("sum %ld\n", sum);
  // CHECK: sum 1977
  for (int i = 0; i < NODES; i++)
    if (i != 7)
      free(holders[i]);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 128 checks begun: 127 passed (126 via cache), 1 failed, 0 unknown storage, 0 suppressed
  return 0;
}
