/* A pass the C layer reuses from another chunk's verdict also caches the checked address, as the runtime's own passes do, so
 * that the next check there is answered inline (checks/README.md, "How a check is answered"). The chunk is marked for it: once
 * freed, a check on a stale pointer to it is a use after free again, not a cached pass. */
#include <stdio.h>
#include <stdlib.h>
#include "cached.h"

struct node { struct node *next; int value; };
/* Its first member is a node: a cast to struct node * passes by that subobject, which the runtime finds (a cast to the site's own
 * type the C layer would answer without it). */
struct entry { struct node node; long weight; };

/* The one cast site: each node's first check. */
static struct node *as_node(void *p) { return (struct node *)p; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  struct node *nodes[4];
  for (int i = 0; i < 4; i++)
  {
    struct entry *e = malloc(sizeof *e);
    nodes[i] = &e->node;
    nodes[i]->value = i;
  }
  int sum = 0;
  for (int i = 0; i < 4; i++)   /* the runtime answers the first; the rest reuse its verdict */
    sum += as_node(nodes[i])->value;
  printf("sum %d\n", sum);
  // CHECK: sum 6
  printf("cached %d\n", cached(nodes[2]));   /* the third node's pass was reused, and cached */
  // CHECK: cached 1
  free(nodes[2]);
  printf("cached after free %d\n", cached(nodes[2]));
  // CHECK: cached after free 0
  struct node *stale = as_node(nodes[2]);
  // CHECK: reused_passes_cached_until_free.c:14:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  printf("stale %s\n", (void *)stale == (void *)nodes[2] ? "aliases" : "?");
  // CHECK: stale aliases
  for (int i = 0; i < 4; i++)
    if (i != 2)
      free(nodes[i]);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 5 checks begun: 4 passed (3 via cache), 1 failed, 0 unknown storage, 0 suppressed
  return 0;
}
