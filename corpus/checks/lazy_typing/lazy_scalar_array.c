/* An untyped chunk first viewed as int * becomes an int array: int and unsigned views pass, a float view of the
   first element fails; past the first element a mismatch is unknown storage (the int may be a header). */
#include <stdio.h>
#include <stdlib.h>

static void *get_buffer(size_t bytes) { return malloc(bytes); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *mem = get_buffer(40);
  int *v = mem;                                 /* first typed view: int[10] */
  // CHECK-NOT: lazy_scalar_array.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  for (int i = 0; i < 10; i++)
    v[i] = i;
  unsigned *u = (unsigned *)(void *)&v[7];      /* silent */
  printf("v[7] %u\n", *u);
  // CHECK: v[7] 7
  float *g = (float *)(void *)&v[2];            /* past the first element: unknown, silent */
  // CHECK-NOT: lazy_scalar_array.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  float *f = (float *)(void *)v;                /* the bug: the chunk holds ints */
  // CHECK: lazy_scalar_array.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'float *' (is_a)
  // CHECK: is 0 bytes into a 'int[10]' heap allocation of 40 bytes
  printf("f %s\n", (void *)f == (void *)v && (void *)g == (void *)&v[2] ? "aliases" : "?");
  // CHECK: f aliases
  free(mem);
  puts("done");
  // CHECK: done
  return 0;
}
