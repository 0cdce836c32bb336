/* A local struct square cast to struct circle *: reported with the local's declaration. */
#include <stdio.h>

struct square { double x, y; double side; char label[24]; };   /* 48 bytes */
struct circle { double x, y; double radius; };                 /* 24 bytes */

static double radius_of(const struct circle *c) { return c->radius; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct square sq = { 0.0, 0.0, 3.0, "local" };
  struct square *same = (struct square *)(void *)&sq;   /* right: silent */
  // CHECK-NOT: stack_struct_wrong_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("side %g\n", same->side);
  // CHECK: side 3

  double r = radius_of((struct circle *)&sq);           /* the bug: a square is no circle */
  // CHECK: stack_struct_wrong_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' stack allocation of 48 bytes
  // CHECK: declared as 'sq' in main {{.*}}stack_struct_wrong_type.c:[[@LINE-9]]:
  printf("radius %g\n", r);
  // CHECK: radius 3
  puts("done");
  // CHECK: done
  return 0;
}
