/* Every arm of a union is a valid view of it, on the stack, in static storage and on the heap. */
#include <stdio.h>
#include <stdlib.h>

struct pair { int a, b; };
union value {
  long l;
  double d;
  float f;
  void *p;
  struct pair pr;
  unsigned char bytes[8];
};

static union value g_value;

static int views(union value *v)
{
  long *l = (long *)v;                  // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  double *d = (double *)v;              // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  float *f = (float *)v;                // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  void **p = (void **)v;                // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct pair *pr = (struct pair *)v;   // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int *b = (int *)(void *)&v->pr.b;     // CHECK-NOT: union_every_arm_valid.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned long *ul = (unsigned long *)v;   /* the signed/unsigned counterpart of an arm */
  // CHECK-NOT: union_every_arm_valid.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  *l = 0;
  pr->a = 1;
  *b = 2;
  return (l != 0) + (d != 0) + (f != 0) + (p != 0) + (pr != 0) + (ul != 0) + pr->a + *b;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  union value local;
  union value *heap = malloc(sizeof *heap);
  printf("stack %d\n", views(&local));
  // CHECK: stack 9
  printf("static %d\n", views(&g_value));
  // CHECK: static 9
  printf("heap %d\n", views(heap));
  // CHECK: heap 9
  free(heap);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
