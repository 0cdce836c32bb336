/* Address-taken parameters are stack allocations too: a struct parameter viewed right and wrong. */
#include <stdio.h>

struct point { int x, y; };
struct interval { double lo, hi; };

static const void *seen;

static void remember(const void *p) { seen = p; }

static int area(struct point corner, int scale)
{
  struct point *pc = (struct point *)(void *)&corner;   /* right: silent */
  // CHECK-NOT: stack_parameter_address.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  unsigned *us = (unsigned *)&scale;                     /* int as unsigned: silent */
  remember((struct interval *)&corner);                  /* the bug: a point is no interval */
  // CHECK: stack_parameter_address.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct interval *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' stack allocation of 8 bytes
  // CHECK: declared as 'corner' in area {{.*}}stack_parameter_address.c:[[@LINE-8]]:
  return pc->x * pc->y * (int)*us;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("area %d\n", area((struct point){ 3, 4 }, 2));
  // CHECK: area 24
  printf("seen %s\n", seen ? "set" : "null");
  // CHECK: seen set
  puts("done");
  // CHECK: done
  return 0;
}
