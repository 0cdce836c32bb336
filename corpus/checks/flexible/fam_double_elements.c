/* A struct with a flexible array of doubles: its elements pass; a long view of one fails. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct series { size_t n; double v[]; };

static long bits_of(const long *p) { return p != 0; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t n = 6;
  struct series *s = malloc(sizeof(struct series) + n * sizeof(double));
  s->n = n;
  for (size_t i = 0; i < n; i++)
    s->v[i] = i * 0.5;
  void *third = &s->v[2];
  double *d = third;                                 /* an element of the flexible array: silent */
  // CHECK-NOT: fam_double_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  double *last = (double *)(void *)((char *)s + offsetof(struct series, v) + 5 * sizeof(double));
  // CHECK-NOT: fam_double_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("v[2] %g v[5] %g\n", *d, *last);
  // CHECK: v[2] 1 v[5] 2.5
  long b = bits_of((long *)third);                   /* the bug: the elements are doubles */
  // CHECK: fam_double_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'long *' (is_a)
  // CHECK: is 24 bytes into a 'struct series' heap allocation of 56 bytes
  printf("b %ld\n", b);
  // CHECK: b 1
  free(s);
  puts("done");
  // CHECK: done
  return 0;
}
