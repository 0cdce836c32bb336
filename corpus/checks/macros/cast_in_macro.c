/* Casts written as macros are checked at each use and reported at the line of the use. */
#include <stdio.h>
#include <stdlib.h>

struct circle { double r; };
struct square { double side; double angle; };

#define AS_CIRCLE(p) ((struct circle *)(p))
#define AS_SQUARE(p) ((struct square *)(p))

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *c = malloc(sizeof(struct circle));
  void *s = malloc(sizeof(struct square));
  AS_CIRCLE(c)->r = 2.0;                         /* right: silent */
  // CHECK-NOT: cast_in_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  AS_SQUARE(s)->side = 3.0;                      /* right: silent */
  // CHECK-NOT: cast_in_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("r %g side %g\n", AS_CIRCLE(c)->r, AS_SQUARE(s)->side);
  // CHECK: r 2 side 3
  struct circle *wrong = AS_CIRCLE(s);           /* the bug */
  // CHECK: cast_in_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' heap allocation of 16 bytes
  printf("radius %g\n", AS_CIRCLE(s)->r);        /* the same bug at another use of the macro */
  // CHECK: cast_in_macro.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: radius 3
  printf("wrong %s\n", (void *)wrong == s ? "aliases" : "?");
  // CHECK: wrong aliases
  free(c);
  free(s);
  puts("done");
  // CHECK-NOT: cast_in_macro.c:8:{{[0-9]+}}: runtime error
  // CHECK: done
  return 0;
}
