/* Arrays of pointers of any type can be walked as void **; an array of longs cannot. */
#include <stdio.h>
#include <stdlib.h>

struct job { int id; };

static int count_set(void **v, int n)
{
  int k = 0;
  for (int i = 0; i < n; i++)
    k += v[i] != NULL;
  return k;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct job a = { 1 }, b = { 2 };
  struct job *local[3] = { &a, NULL, &b };
  const char *names[2] = { "x", "y" };
  struct job **heap = calloc(4, sizeof *heap);
  heap[3] = &a;
  int n1 = count_set((void **)local, 3);          // CHECK-NOT: void_pp_pointer_arrays.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int n2 = count_set((void **)names, 2);          // CHECK-NOT: void_pp_pointer_arrays.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int n3 = count_set((void **)&heap[1], 3);       // CHECK-NOT: void_pp_pointer_arrays.c:[[@LINE]]:{{[0-9]+}}: runtime error
  long ids[3] = { 7, 0, 9 };
  int n4 = count_set((void **)ids, 3);            /* the bug: ids are longs */
  // CHECK: void_pp_pointer_arrays.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void **' (loosely_like_a)
  // CHECK: is 0 bytes into a 'long[3]' stack allocation of 24 bytes
  // CHECK: declared as 'ids' in main {{.*}}void_pp_pointer_arrays.c:[[@LINE-4]]:
  printf("%d %d %d %d\n", n1, n2, n3, n4);
  // CHECK: 2 2 1 2
  free(heap);
  puts("done");
  // CHECK: done
  return 0;
}
