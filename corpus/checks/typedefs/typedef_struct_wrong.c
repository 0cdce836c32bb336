/* A typedef'd target does not hide a wrong struct: a struct circle viewed as rect_t fails. */
#include <stdio.h>
#include <stdlib.h>

typedef struct rect { double w, h; } rect_t;
typedef struct circle { double r; } circle_t;
typedef void *handle_t;

static handle_t new_circle(double r)
{
  circle_t *c = malloc(sizeof *c);
  c->r = r;
  return c;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  handle_t h = new_circle(1.5);
  circle_t *c = h;                                   /* right: silent */
  // CHECK-NOT: typedef_struct_wrong.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("r %g\n", c->r);
  // CHECK: r 1.5
  rect_t *r = (rect_t *)h;                           /* the bug: it is a circle */
  // CHECK: typedef_struct_wrong.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'rect_t *' (is_a)
  // CHECK: is 0 bytes into a 'struct circle' heap allocation of 8 bytes
  // CHECK: allocated by malloc in new_circle {{.*}}typedef_struct_wrong.c:[[@LINE-16]]:
  printf("r %s\n", (void *)r == h ? "aliases c" : "?");
  // CHECK: r aliases c
  free(h);
  puts("done");
  // CHECK: done
  return 0;
}
