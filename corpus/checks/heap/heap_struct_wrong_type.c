/* A malloc'd struct square explicitly cast to struct circle *: is_a fails at the chunk's base. */
#include <stdio.h>
#include <stdlib.h>

struct square { double x, y; double side; char label[24]; };   /* 48 bytes */
struct circle { double x, y; double radius; };                 /* 24 bytes */

static struct square *make_square(double side)
{
  struct square *s = malloc(sizeof *s);
  s->x = s->y = 1.0;
  s->side = side;
  snprintf(s->label, sizeof s->label, "square %g", side);
  return s;
}

static const struct circle *last_circle;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct square *sq = make_square(2.0);
  printf("made %s\n", sq->label);
  // CHECK: made square 2

  const struct circle *c = (struct circle *)sq;   /* the bug: sq is a square */
  // CHECK: heap_struct_wrong_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' heap allocation of 48 bytes
  // CHECK: allocated by malloc in make_square {{.*}}heap_struct_wrong_type.c:[[@LINE-19]]:
  last_circle = c;

  struct square *back = (struct square *)(void *)sq;   /* right type: silent */
  // CHECK-NOT: heap_struct_wrong_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("side %g\n", back->side);
  // CHECK: side 2
  free(sq);
  puts("done");
  // CHECK: done
  return 0;
}
