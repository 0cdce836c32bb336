/* realloc retypes a chunk as its site's sizeof says (int -> struct span): the span view passes, the old int view fails. */
#include <stdio.h>
#include <stdlib.h>

struct span { double lo, hi; };              /* 16 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int *counts = malloc(8 * sizeof(int));
  for (int i = 0; i < 8; i++)
    counts[i] = i;
  int *c3 = (int *)(void *)&counts[3];          /* silent */
  printf("count %d\n", *c3);
  // CHECK: count 3
  void *mem = realloc(counts, 4 * sizeof(struct span));
  struct span *spans = mem;                     /* the new element type: silent */
  // CHECK-NOT: realloc_retype_at_new_site.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  for (int i = 0; i < 4; i++)
    spans[i] = (struct span){ i, i + 0.5 };
  printf("span %g..%g\n", spans[2].lo, spans[2].hi);
  // CHECK: span 2..2.5
  int *stale = mem;                             /* the bug: the chunk holds spans now */
  // CHECK: realloc_retype_at_new_site.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int *' (is_a)
  // CHECK: is 0 bytes into a 'struct span[4]' heap allocation of 64 bytes
  printf("stale %s\n", (void *)stale == mem ? "aliases" : "?");
  // CHECK: stale aliases
  free(mem);
  puts("done");
  // CHECK: done
  return 0;
}
