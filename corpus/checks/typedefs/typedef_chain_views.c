/* Typedef chains are stripped before comparing: count_t (int) as u32 passes; as real (float) fails. */
#include <stdio.h>

typedef int i32;
typedef i32 count_t;
typedef unsigned int u32;
typedef u32 mask_t;
typedef float real;

struct bucket { count_t count; mask_t mask; };

static count_t g_total = 41;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct bucket b = { 2, 0xf0u };
  u32 *as_u32 = (u32 *)&b.count;                   /* int as unsigned: silent */
  // CHECK-NOT: typedef_chain_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  i32 *as_i32 = (i32 *)&b.mask;                    /* unsigned as int: silent */
  // CHECK-NOT: typedef_chain_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  mask_t *total = (mask_t *)&g_total;              /* silent */
  // CHECK-NOT: typedef_chain_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%u %d %u\n", *as_u32, *as_i32, *total + 1);
  // CHECK: 2 240 42
  real *scaled = (real *)&g_total;                 /* the bug: g_total is an int */
  // CHECK: typedef_chain_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'real *' (is_a)
  // CHECK: is 0 bytes into a 'int' static allocation of 4 bytes
  // CHECK: defined as 'g_total'
  printf("scaled %s\n", scaled ? "set" : "null");
  // CHECK: scaled set
  puts("done");
  // CHECK: done
  return 0;
}
