/* realloc whose size names no type keeps the chunk's type; one that names a type updates it. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

struct item { int id; double weight; };
struct span { long from, to; };

static size_t bytes_for(size_t items) { return items * 16; }   /* no sizeof for allocscc to see */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct item *items = malloc(2 * sizeof(struct item));
  void *grown = realloc(items, bytes_for(4));
  printf("kept: %s\n", UNIQTYPE_NAME(alloc_get_type(grown)));
  // CHECK: kept: __ARR4_item
  struct span *wrong = grown;                     /* the bug: still items */
  // CHECK: realloc_untyped_site_keeps_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct span *' (is_a)
  // CHECK: allocated by malloc in main {{.*}}realloc_untyped_site_keeps_type.c:14:{{[0-9]+}}
  void *spans = realloc(grown, 8 * sizeof(struct span));
  printf("updated: %s\n", UNIQTYPE_NAME(alloc_get_type(spans)));
  // CHECK: updated: __ARR8_span
  struct span *right = spans;                     /* right: retyped by the realloc */
  // CHECK-NOT: realloc_untyped_site_keeps_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%d %d\n", wrong != NULL, right != NULL);
  // CHECK: 1 1
  free(spans);
  puts("done");
  // CHECK: done
  return 0;
}
