/* A pointer to a struct is also a pointer to its first member, at any depth of nesting. */
#include <stdio.h>
#include <stdlib.h>

struct inner { int code; short sub; };
struct middle { struct inner in; double weight; };
struct outer { struct middle mid; const char *name; };

static struct outer g_outer = { { { 7, 1 }, 2.0 }, "static" };

static int walk(void *p)
{
  struct outer *o = p;                  // CHECK-NOT: nested_first_member_any_depth.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct middle *m = p;                 // CHECK-NOT: nested_first_member_any_depth.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct inner *i = p;                  // CHECK-NOT: nested_first_member_any_depth.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int *code = p;                        // CHECK-NOT: nested_first_member_any_depth.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned *ucode = (unsigned *)p;      // CHECK-NOT: nested_first_member_any_depth.c:[[@LINE]]:{{[0-9]+}}: runtime error
  return ((void *)o == (void *)m) + ((void *)m == (void *)i) + ((void *)i == (void *)code) + (int)(*ucode == 7u) + *code;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct outer local = { { { 7, 2 }, 3.0 }, "local" };
  struct outer *heap = malloc(sizeof *heap);
  *heap = local;
  printf("static %d\n", walk(&g_outer));
  // CHECK: static 11
  printf("stack %d\n", walk(&local));
  // CHECK: stack 11
  printf("heap %d\n", walk(heap));
  // CHECK: heap 11
  /* And upwards from a nested member back to a nested struct starting at the same address. */
  struct middle *m = (struct middle *)&heap->mid.in;
  printf("weight %g\n", m->weight);
  // CHECK: weight 3
  free(heap);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
