/* Heap chunks: interior pointers resolve to the base, realloc retypes by size, free forgets. */
#include <allocs.h>
#include <liballocs_meta.h>
#include <stdio.h>
#include "describe.h"
#include <string.h>

struct point { int x, y; };

int main(void)
{
  struct point *one = malloc(sizeof(struct point));
  show("one", one);
  // CHECK: one: malloc base+0 size 8 type point
  show("one.y", &one->y);
  // CHECK: one.y: malloc base+4 size 8 type point

  struct point *many = calloc(10, sizeof(struct point));
  show("many[7].y", &many[7].y);
  // CHECK: many[7].y: malloc base+60 size 80 type __ARR10_point
  show("many+80", (char *)many + 80);
  // CHECK-NOT: many+80: malloc

  const struct __liballocs_allocsite *site = alloc_get_site(many);
  printf("site %s:%u %s %s\n", strrchr(site->file, '/') ? strrchr(site->file, '/') + 1 : site->file,
    site->line, site->function, site->allocator);
  // CHECK: site heap_interior_realloc_free.c:18 main calloc

  many = realloc(many, 20 * sizeof(struct point));
  show("grown[19]", &many[19]);
  // CHECK: grown[19]: malloc base+152 size 160 type __ARR20_point

  long *nums = malloc(16 * sizeof *nums);
  show("nums[3]", &nums[3]);
  // CHECK: nums[3]: malloc base+24 size 128 type __ARR16_int$64

  char *copy = strdup("hello");
  show("strdup", copy + 2);
  // CHECK: strdup: malloc base+2 size 6 type __ARR6_signed_char$8

  void *untyped = malloc(100);
  show("untyped", untyped);
  // CHECK: untyped: malloc base+0 size 100 type (unknown type)

  free(one);
  show("freed", one);
  // CHECK-NOT: freed: malloc
  free(many); free(nums); free(copy); free(untyped);
  return 0;
}
