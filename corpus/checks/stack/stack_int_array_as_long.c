/* A local int[8]: element views as unsigned pass; reading two ints as one long fails. */
#include <stdio.h>

static long sum_longs(const long *p, int n)
{
  long s = 0;
  for (int i = 0; i < n; i++)
    s += p[i] != 0;
  return s;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int counts[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  unsigned *u = (unsigned *)&counts[3];        /* int as unsigned: allowed */
  // CHECK-NOT: stack_int_array_as_long.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  const int *last = (const int *)(void *)&counts[7];
  printf("counts[3] %u, counts[7] %d\n", *u, *last);
  // CHECK: counts[3] 4, counts[7] 8

  long nonzero = sum_longs((const long *)&counts[2], 2);   /* the bug: they are ints */
  // CHECK: stack_int_array_as_long.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const long *' (is_a)
  // CHECK: is 8 bytes into a 'int[8]' stack allocation of 32 bytes; subobject at that offset: 'int'
  // CHECK: declared as 'counts' in main {{.*}}stack_int_array_as_long.c:[[@LINE-10]]:
  printf("nonzero %ld\n", nonzero);
  // CHECK: nonzero 2
  puts("done");
  // CHECK: done
  return 0;
}
