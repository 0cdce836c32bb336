/* Every integer type may be viewed through its signed/unsigned counterpart (C11 6.5p7). */
#include <stdio.h>
#include <stdlib.h>

struct counters { short s; unsigned short us; int i; unsigned u; long l; unsigned long ul; long long ll; };

static struct counters g_counters = { -1, 2, -3, 4, -5, 6, -7 };

static long sum(struct counters *c)
{
  unsigned short *a = (unsigned short *)&c->s;       // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  short *b = (short *)&c->us;                         // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned *d = (unsigned *)&c->i;                    // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int *e = (int *)&c->u;                              // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned long *f = (unsigned long *)&c->l;          // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  long *g = (long *)&c->ul;                           // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned long long *h = (unsigned long long *)&c->ll;   // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  signed int *k = (signed int *)(void *)&c->u;        // CHECK-NOT: signed_unsigned_views.c:[[@LINE]]:{{[0-9]+}}: runtime error
  return (short)*a + *b + (int)*d + *e + (long)*f + *g + (long)*h + *k;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct counters local = g_counters;
  struct counters *heap = malloc(sizeof *heap);
  *heap = g_counters;
  printf("static %ld stack %ld heap %ld\n", sum(&g_counters), sum(&local), sum(heap));
  // CHECK: static 0 stack 0 heap 0
  free(heap);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
