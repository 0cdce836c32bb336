/* Address-taken locals and parameters answer from the stack allocator while their frame lives
 * (a block-scope local also after its block ended); a VLA only while its block runs. */
#include <allocs.h>
#include <stdio.h>
#include "describe.h"

struct pair { short a; long b; };

static const void *escaped;

static int callee(int param, int n)
{
  double grid[3][4];
  int vla[n];
  show("param", &param);
  // CHECK: param: stack base+0 size 4 type int$32
  show("grid[2][1]", &grid[2][1]);
  // CHECK: grid[2][1]: stack base+72 size 96 type __ARR3___ARR4_float$64
  show("vla[3]", &vla[3]);
  // CHECK: vla[3]: stack base+12 size 28 type __ARR7_int$32
  grid[0][0] = vla[0] = param;
  return (int)grid[0][0];
}

int main(void)
{
  callee(3, 7);
  struct pair p = { 1, 2 };
  show("p.b", &p.b);
  // CHECK: p.b: stack base+8 size 16 type pair
  {
    int inner = 5;
    escaped = &inner;
    show("inner", escaped);
    // CHECK: inner: stack base+0 size 4 type int$32
  }
  show("out of scope", escaped);
  // CHECK: out of scope: stack base+0 size 4 type int$32
  int n = 5;
  {
    long vla[n];
    vla[0] = 1;
    escaped = &vla[1];
    show("vla", escaped);
    // CHECK: vla: stack base+8 size 40 type __ARR5_int$64
  }
  show("vla out of scope", escaped);
  /* The VLA's record is gone; its memory now lies in the frame of show, the caller asking, which answers as an untyped
   * frame (found by unwinding) or not at all. */
  // CHECK-NOT: vla out of scope: stack base+{{[0-9]+}} size {{[0-9]+}} type __ARR
  return 0;
}
