/* sizeof(arr) / sizeof(arr[0]) as the element count of an allocation. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
static const int template_ids[] = { 3, 1, 4, 1, 5, 9 };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *pts = malloc(sizeof(template_ids) / sizeof(template_ids[0]) * sizeof(struct point));
  printf("type %s size %lu\n", UNIQTYPE_NAME(alloc_get_type(pts)), alloc_get_size(pts));
  // CHECK: type __ARR6_point size 48
  void *y = &pts[1].y;
  struct point *wrong = y;                        /* the bug: a member is no element */
  // CHECK: array_count_idiom.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a)
  printf("%d\n", wrong != NULL);
  // CHECK: 1
  free(pts);
  puts("done");
  // CHECK: done
  return 0;
}
