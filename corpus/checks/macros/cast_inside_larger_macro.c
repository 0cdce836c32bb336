/* A cast that is only part of a macro's expansion is still checked and reported at the line of the use
 * (without a column: __LINE__ in the rewritten definition has none). */
#include <stdio.h>
#include <stdlib.h>

struct circle { double r; };
struct square { double side; double angle; };

#define RADIUS(p) (((struct circle *)(p))->r)

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *c = malloc(sizeof(struct circle));
  struct square *s = malloc(sizeof *s);
  ((struct circle *)c)->r = 2.0;
  s->side = 3.0;
  printf("r %g\n", RADIUS(c));                   /* right: silent */
  // CHECK: r 2
  double wrong = RADIUS(s);                      /* the bug */
  // CHECK: cast_inside_larger_macro.c:[[@LINE-1]]: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' heap allocation of 16 bytes
  printf("wrong %g\n", wrong);
  // CHECK: wrong 3
  free(c);
  free(s);
  puts("done");
  // CHECK: done
  return 0;
}
