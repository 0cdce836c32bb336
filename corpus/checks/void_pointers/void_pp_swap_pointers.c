/* The (void **)&ptr idiom: a pointer of any pointee type may be handled as a void *. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };

static void swap(void **a, void **b)
{
  void *t = *a;
  *a = *b;
  *b = t;
}

static void free_and_null(void **pp)
{
  free(*pp);
  *pp = NULL;
}

static struct node *g_head;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct node *x = malloc(sizeof *x), *y = malloc(sizeof *y);
  x->v = 1; y->v = 2;
  x->next = y->next = NULL;
  swap((void **)&x, (void **)&y);                  // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("x %d y %d\n", x->v, y->v);
  // CHECK: x 2 y 1
  const char *s = "left", *t = "right";
  swap((void **)&s, (void **)&t);                  // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%s %s\n", s, t);
  // CHECK: right left
  double d1 = 1, d2 = 2;
  double *pd1 = &d1, *pd2 = &d2;
  swap((void **)&pd1, (void **)&pd2);              // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%g %g\n", *pd1, *pd2);
  // CHECK: 2 1
  g_head = x;
  swap((void **)&g_head, (void **)&x->next);       /* static and heap pointer slots */
  // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct node **slots = malloc(2 * sizeof *slots);
  slots[0] = g_head; slots[1] = y;
  swap((void **)&slots[0], (void **)&slots[1]);    // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE]]:{{[0-9]+}}: runtime error
  free_and_null((void **)&slots[0]);               /* y */
  free_and_null((void **)&x);                      // CHECK-NOT: void_pp_swap_pointers.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%s %s\n", slots[0] ? "set" : "null", x ? "set" : "null");
  // CHECK: null null
  free(slots);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
