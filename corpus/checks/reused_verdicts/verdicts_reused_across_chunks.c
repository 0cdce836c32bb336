/* Checks of one cast site on many chunks of one allocation site, each chunk new to the check cache: the runtime answers the
 * first, and the C layer reuses its verdict for the rest (checks/README.md, "Reused verdicts"). A reused verdict must be the
 * verdict the runtime would give: an untyped chunk is typed lazily all the same (a later wrong cast fails against that type),
 * a repeated failure is counted, a freed chunk is still a use after free, and the totals count every check exactly. Before a
 * flexible array member, chunks of every size share one verdict. */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct label { char *text; long length; };
struct node { struct node *next; int value; };
struct leaf { double weight; };
struct bag { long count; int items[]; };

#define CHUNKS 100

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  void *raw[CHUNKS];
  struct node *nodes[CHUNKS];
  for (int i = 0; i < CHUNKS; i++)
  {
    raw[i] = malloc(8);                            /* untyped: no sizeof */
    nodes[i] = malloc(sizeof(struct node));        /* typed: struct node */
  }
  long sum = 0;
  for (int i = 0; i < CHUNKS; i++)
  {
    struct point *p = (struct point *)raw[i];      /* types each chunk lazily as struct point */
    // CHECK-NOT: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    p->x = i;
    struct node *n = (struct node *)(void *)nodes[i];   /* typed by its site: passes */
    // CHECK-NOT: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    n->value = i;
    sum += p->x + n->value;
  }
  printf("sum %ld\n", sum);
  // CHECK: sum 9900
  /* The last chunk was typed by a reused verdict, never by the runtime itself: it holds a struct point now. */
  struct label *l = (struct label *)raw[CHUNKS - 1];
  // CHECK: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' heap allocation of 8 bytes
  printf("label %s\n", (void *)l == raw[CHUNKS - 1] ? "aliases" : "?");
  // CHECK: label aliases
  int leaves = 0;
  for (int i = 0; i < CHUNKS; i++)
  {
    struct leaf *f = (struct leaf *)(void *)nodes[i];   /* the bug, once per chunk: one report, counted 100 times */
    // CHECK: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct leaf *' (is_a)
    leaves += f != NULL;
  }
  printf("leaves %d\n", leaves);
  // CHECK: leaves 100
  free(nodes[7]);
  struct node *stale = (struct node *)(void *)nodes[7];   /* the verdict was "passes" for live chunks of this site only */
  // CHECK: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  printf("stale %s\n", (void *)stale == (void *)nodes[7] ? "aliases" : "?");
  // CHECK: stale aliases
  long counted = 0;
  for (int i = 0; i < CHUNKS; i++)
  {
    struct bag *b = malloc(sizeof(struct bag) + i * sizeof(int));   /* a size of its own each */
    b->count = i;
    long *count = (long *)(void *)b;               /* its first member, whatever the size */
    // CHECK-NOT: verdicts_reused_across_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    counted += *count;
    free(b);
  }
  printf("counted %ld\n", counted);
  // CHECK: counted 4950
  for (int i = 0; i < CHUNKS; i++)
  {
    free(raw[i]);
    if (i != 7)
      free(nodes[i]);
  }
  puts("done");
  // CHECK: done
  /* 100 + 100 + 100 passes, 1 + 100 + 1 failures; the runtime answered the first check of each loop's cast sites only (the
   * rest are counted as answered by the caches), but for the casts to struct node, the type of the nodes' site, which the C
   * layer answers itself (checks/README.md, "How a check is answered"). */
  // CHECK: liballocs: 402 checks begun: 300 passed (298 via cache), 102 failed, 0 unknown storage, 0 suppressed
  // CHECK: 100x {{.*}}verdicts_reused_across_chunks.c:50:{{[0-9]+}} bad cast to 'struct leaf *' (is_a)
  return 0;
}
