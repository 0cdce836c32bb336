/* A function that only returns a cast: optimised, its call into the slow path would be a tail call, its own frame gone
 * before the report's stack is taken. The check keeps the call out of tail position, so the report's first frame is the
 * function with the cast, its second the caller. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <stdio.h>
#include <stdlib.h>

struct obj { int x; double y; };
struct other { long a, b, c, d; };

__attribute__((noinline)) struct obj *as_obj(void *p) { return (struct obj *)p; }
// CHECK: heap_cast_returned_by_its_function.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct obj *' (is_a)
// CHECK: #0 0x{{[0-9a-f]+}} in as_obj {{.*}}heap_cast_returned_by_its_function.c:[[@LINE-2]]:
// CHECK: #1 {{.*}} in main

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct other *o = malloc(sizeof *o);
  struct obj *b = as_obj(o);
  printf("%d\n", b == (void *)o);
  // CHECK: 1
  free(o);
  return 0;
}
