/* Constant initialisers of static storage are not checked; the same lie cast at run time is. */
#include <stdio.h>

struct square { double side; double x, y; };
struct circle { double radius; double cx, cy; long colour; };

static struct square g_square = { 2.0, 0.0, 0.0 };

/* Not checked (static initialiser), even though it lies. */
static struct circle *const g_as_circle = (struct circle *)&g_square;
// CHECK-NOT: static_initializer_unchecked.c:[[@LINE-1]]:{{[0-9]+}}: runtime error

/* Right, and not checked either. */
static struct square *const g_self = &g_square;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("side %g\n", g_self->side);
  // CHECK: side 2
  void *p = g_as_circle;
  struct circle *c = p;                    /* checked at run time: g_square is no circle */
  // CHECK: static_initializer_unchecked.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' static allocation of 24 bytes
  // CHECK: defined as 'g_square'
  printf("same object: %s\n", (void *)c == (void *)&g_square ? "yes" : "no");
  // CHECK: same object: yes
  puts("done");
  // CHECK: done
  return 0;
}
