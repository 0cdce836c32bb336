/* A heap double[3][4] allocated by rows: elements and rows pass; a row pointer one element off fails. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  double (*m)[4] = malloc(3 * sizeof *m);
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++)
      m[r][c] = r + c / 10.0;
  double *e = (double *)(void *)&m[2][1];                   /* element: silent */
  // CHECK-NOT: multidim_heap_matrix.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  double (*r1)[4] = (double (*)[4])(void *)&m[1][0];        /* a row starts at its first element */
  // CHECK-NOT: multidim_heap_matrix.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("m[2][1] %g r1[0][3] %g\n", *e, (*r1)[3]);
  // CHECK: m[2][1] 2.1 r1[0][3] 1.3
  double (*off)[4] = (double (*)[4])(void *)&m[1][1];       /* the bug: one element too far */
  // CHECK: multidim_heap_matrix.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double (*)[4]' (is_a)
  // CHECK: is 40 bytes into a 'double[3][4]' heap allocation of 96 bytes; subobject at that offset: 'double'
  // CHECK: allocated by malloc in main {{.*}}multidim_heap_matrix.c:[[@LINE-13]]:
  printf("off[0][0] %g\n", (*off)[0]);
  // CHECK: off[0][0] 1.1
  free(m);
  puts("done");
  // CHECK: done
  return 0;
}
