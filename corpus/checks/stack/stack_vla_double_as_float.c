/* A variable-length array of doubles: element pointers pass; a float view of it fails. */
#include <stdio.h>

static float first_as_float(const float *f) { return f == 0 ? 0.0f : 1.0f; }

static double mean(int n)
{
  double samples[n];
  for (int i = 0; i < n; i++)
    samples[i] = i + 0.5;
  double *mid = (double *)(void *)&samples[n / 2];    /* right: silent */
  // CHECK-NOT: stack_vla_double_as_float.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  float f = first_as_float((const float *)(void *)&samples[1]);   /* the bug: they are doubles */
  // CHECK: stack_vla_double_as_float.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const float *' (is_a)
  // CHECK: is 8 bytes into a 'double[7]' stack allocation of 56 bytes
  double s = 0;
  for (int i = 0; i < n; i++)
    s += samples[i];
  return s / n + *mid * 0 + f * 0;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("mean %g\n", mean(7));
  // CHECK: mean 3.5
  puts("done");
  // CHECK: done
  return 0;
}
