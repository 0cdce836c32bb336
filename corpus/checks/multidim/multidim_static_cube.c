/* A static int[2][3][4]: elements, rows and slabs pass; a slab pointer starting at a row inside a slab fails. */
#include <stdio.h>

static int cube[2][3][4];

static int slab_sum(int (*slab)[3][4])
{
  int s = 0;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++)
      s += (*slab)[r][c];
  return s;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 2; i++)
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 4; c++)
        cube[i][r][c] = 1;
  unsigned *elem = (unsigned *)(void *)&cube[1][2][3];   /* element: silent */
  // CHECK-NOT: multidim_static_cube.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int (*row)[4] = (int (*)[4])(void *)&cube[1][1];       /* row: silent */
  // CHECK-NOT: multidim_static_cube.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int (*slab)[3][4] = (int (*)[3][4])(void *)&cube[1];   /* slab: silent */
  // CHECK-NOT: multidim_static_cube.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("elem %u row[0][3] %d slab %d\n", *elem, (*row)[3], slab_sum(slab));
  // CHECK: elem 1 row[0][3] 1 slab 12
  int (*shifted)[3][4] = (int (*)[3][4])(void *)&cube[0][1];   /* the bug: a row, not a slab */
  // CHECK: multidim_static_cube.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int (*)[3][4]' (is_a)
  // CHECK: is 16 bytes into a 'int[2][3][4]' static allocation of 96 bytes
  // CHECK: defined as 'cube'
  printf("shifted slab %d\n", slab_sum(shifted));
  // CHECK: shifted slab 12
  puts("done");
  // CHECK: done
  return 0;
}
