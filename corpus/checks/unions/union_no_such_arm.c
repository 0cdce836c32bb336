/* A union of long, double and pointer viewed as float *: no arm is a float, so is_a fails. */
#include <stdio.h>
#include <stdlib.h>

union number { long l; double d; void *p; };

static float as_float(const float *f) { return f ? 1.0f : 0.0f; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  union number *n = malloc(sizeof *n);
  n->d = 0.25;
  double *d = (double *)n;                 /* an arm: silent */
  // CHECK-NOT: union_no_such_arm.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("d %g\n", *d);
  // CHECK: d 0.25
  float f = as_float((float *)n);          /* the bug: there is no float arm */
  // CHECK: union_no_such_arm.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'float *' (is_a)
  // CHECK: is 0 bytes into a 'union number' heap allocation of 8 bytes
  // CHECK: allocated by malloc in main {{.*}}union_no_such_arm.c:[[@LINE-9]]:
  printf("f %g\n", f);
  // CHECK: f 1
  free(n);
  puts("done");
  // CHECK: done
  return 0;
}
