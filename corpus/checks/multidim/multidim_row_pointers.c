/* A double[3][4] grid: row pointers of type double (*)[4] pass; double (*)[3] (wrong row width) fails. */
#include <stdio.h>

static double row_sum4(const double (*row)[4])
{
  double s = 0;
  for (int i = 0; i < 4; i++)
    s += (*row)[i];
  return s;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  double grid[3][4];
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++)
      grid[r][c] = r * 10 + c;
  void *second_row = &grid[1];
  double (*row)[4] = (double (*)[4])second_row;      /* right: silent */
  // CHECK-NOT: multidim_row_pointers.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("row 1 sums to %g\n", row_sum4((const double (*)[4])row));
  // CHECK: row 1 sums to 46
  double (*narrow)[3] = (double (*)[3])second_row;   /* the bug: rows are 4 wide */
  // CHECK: multidim_row_pointers.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double (*)[3]' (is_a)
  // CHECK: is 32 bytes into a 'double[3][4]' stack allocation of 96 bytes
  printf("narrow[1][0] is grid[%d][%d]\n", (int)(narrow[1][0]) / 10, (int)(narrow[1][0]) % 10);
  // CHECK: narrow[1][0] is grid[1][3]
  puts("done");
  // CHECK: done
  return 0;
}
