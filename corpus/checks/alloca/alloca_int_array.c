/* alloca'd int array: unsigned element views pass; reading elements as doubles fails. */
#include <alloca.h>
#include <stdio.h>

static double total(const double *d, int n)
{
  double t = 0;
  for (int i = 0; i < n; i++)
    t += d[i] != 0.0;
  return t;
}

static int histogram(int n)
{
  int *bins = alloca(n * sizeof(int));
  for (int i = 0; i < n; i++)
    bins[i] = i * 2;
  unsigned *u = (unsigned *)&bins[n - 1];        /* int as unsigned: allowed */
  // CHECK-NOT: alloca_int_array.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  double t = total((const double *)(void *)&bins[2], 1);   /* the bug: bins are ints */
  // CHECK: alloca_int_array.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const double *' (is_a)
  // CHECK: is 8 bytes into a 'int[6]' {{.*}}allocation of 24 bytes
  return (int)*u + (int)t * 0;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("last bin %d\n", histogram(6));
  // CHECK: last bin 10
  puts("done");
  // CHECK: done
  return 0;
}
