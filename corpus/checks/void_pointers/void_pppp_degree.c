/* (void ****) needs three levels: a char *** passes; a double ** (a matrix) fails. */
#include <stdio.h>
#include <stdlib.h>

static int depth3(void ****p) { return **p != NULL; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  char *words[2] = { "a", "b" };
  char **list = words;
  char ***lists = &list;
  int ok = depth3((void ****)&lists);            /* char ***: silent */
  // CHECK-NOT: void_pppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  double cells[4] = { 1, 2, 3, 4 };
  double *rowp[2] = { &cells[0], &cells[2] };
  double **matrix = rowp;
  int bad = depth3((void ****)&matrix);          /* the bug: a matrix is only double ** */
  // CHECK: void_pppp_degree.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void ****' (is_a_pointer_of_degree)
  // CHECK: is 0 bytes into a 'double **' stack allocation of 8 bytes
  printf("ok %d bad %d\n", ok, bad);
  // CHECK: ok 1 bad 1
  puts("done");
  // CHECK: done
  return 0;
}
