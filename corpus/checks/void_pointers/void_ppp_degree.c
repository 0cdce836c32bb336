/* (void ***) needs at least two levels of pointer: int ** and char ** pass, int * fails is_a_pointer_of_degree. */
#include <stdio.h>
#include <stdlib.h>

static int rows_of(void ***table) { return *table != NULL; }

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int *row0 = calloc(4, sizeof(int));
  int **rows = malloc(2 * sizeof *rows);
  rows[0] = row0;
  rows[1] = NULL;
  int r1 = rows_of((void ***)&rows);              /* int **: silent */
  // CHECK-NOT: void_ppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int r2 = rows_of((void ***)&argv);              /* char **: silent */
  // CHECK-NOT: void_ppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int ***heap_slot = malloc(sizeof *heap_slot);
  *heap_slot = rows;
  int r3 = rows_of((void ***)heap_slot);          /* a heap int ** slot: silent */
  // CHECK-NOT: void_ppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int r4 = rows_of((void ***)&row0);              /* the bug: row0 is only an int * */
  // CHECK: void_ppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void ***' (is_a_pointer_of_degree)
  // CHECK: is 0 bytes into a 'int *' stack allocation of 8 bytes
  // CHECK: declared as 'row0' in main {{.*}}void_ppp_degree.c:[[@LINE-15]]:
  printf("%d %d %d %d argc>0 %d\n", r1, r2, r3, r4, argc > 0);
  // CHECK: 1 1 1 1 argc>0 1
  free(heap_slot);
  free(rows);
  free(row0);
  puts("done");
  // CHECK: done
  return 0;
}
