/* Casts between a type and its typedefs are identical after stripping typedefs: never reported. */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
typedef struct point point_t;
typedef point_t vertex_t;
typedef unsigned int u32;
typedef double real;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *p = malloc(sizeof *p);
  p->x = 3; p->y = 4;
  point_t *a = (point_t *)p;                        // CHECK-NOT: typedef_identical_no_check.c:[[@LINE]]:{{[0-9]+}}: runtime error
  vertex_t *b = (vertex_t *)a;                      // CHECK-NOT: typedef_identical_no_check.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct point *c = (struct point *)b;              // CHECK-NOT: typedef_identical_no_check.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned int n = 7;
  u32 *un = (u32 *)&n;                              // CHECK-NOT: typedef_identical_no_check.c:[[@LINE]]:{{[0-9]+}}: runtime error
  double d = 0.5;
  real *rd = (real *)&d;                            // CHECK-NOT: typedef_identical_no_check.c:[[@LINE]]:{{[0-9]+}}: runtime error
  vertex_t *via_void = (vertex_t *)(void *)p;       /* checked, and right */
  // CHECK-NOT: typedef_identical_no_check.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%d %d %u %g %d\n", a->x, c->y, *un, *rd, b == via_void);
  // CHECK: 3 4 7 0.5 1
  free(p);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
