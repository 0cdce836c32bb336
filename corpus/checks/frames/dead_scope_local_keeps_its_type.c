/* A block-scope local whose block has ended still holds its declared type while its frame lives:
 * a cast to another type is reported (naming where the scope ended), the right type is silent;
 * optimised the same. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <stdio.h>

struct point { int x, y; };
struct span { long from, to; };

static int read_int(void *p) { return *(int *)p; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *data;
  { short s = 7; data = &s; }
  int *ip = (int *) data;                   /* the bug: a short is no int */
  // CHECK: dead_scope_local_keeps_its_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int *' (is_a)
  // CHECK: is 0 bytes into a 'short' stack allocation of 2 bytes
  // CHECK: declared as 's' in main {{.*}}dead_scope_local_keeps_its_type.c:[[@LINE-4]]:{{[0-9]+}}, whose scope ended at {{.*}}dead_scope_local_keeps_its_type.c:[[@LINE-4]]:29
  printf("cast %d\n", ip != NULL);
  // CHECK: cast 1

  void *good;
  { int g = 7; good = &g; }
  int *gp = (int *) good;                   /* right: silent */
  // CHECK-NOT: dead_scope_local_keeps_its_type.c:[[@LINE-1]]:
  printf("good %d\n", gp != NULL);
  // CHECK: good 1

  void *pt;
  for (int i = 0; i < 3; i++)
  {
    struct point p = { i, i };
    pt = &p;
    printf("%d\n", read_int(pt));
  }
  struct point *q = (struct point *) pt;    /* right after the loop: silent */
  // CHECK-NOT: dead_scope_local_keeps_its_type.c:[[@LINE-1]]:
  struct span *sp = (struct span *) pt;     /* the bug: a point is no span */
  // CHECK: dead_scope_local_keeps_its_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct span *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' stack allocation of 8 bytes
  // CHECK: declared as 'p' in main
  printf("%d %d\n", q != NULL, sp != NULL);
  // CHECK: 1 1
  puts("done");
  // CHECK: done
  return 0;
}
