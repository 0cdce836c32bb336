/* Casts in sizeof, __alignof__, typeof and _Generic are not evaluated or reported; the same cast evaluated is. */
#include <stdio.h>
#include <stdlib.h>

struct square { double side; char label[8]; };
struct circle { double r; double cx, cy; };

static int calls;
static void *self(void *p) { calls++; return p; }

#define KIND(p) _Generic((p), struct circle *: "circle", struct square *: "square", default: "other")

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct square *sq = malloc(sizeof *sq);
  sq->side = 1.0;
  size_t n = sizeof(*(struct circle *)self(sq));                      // CHECK-NOT: sizeof_generic_typeof.c:[[@LINE]]:{{[0-9]+}}: runtime error
  size_t a = __alignof__(*(struct circle *)self(sq));                 // CHECK-NOT: sizeof_generic_typeof.c:[[@LINE]]:{{[0-9]+}}: runtime error
  const char *k = KIND((struct circle *)self(sq));                    // CHECK-NOT: sizeof_generic_typeof.c:[[@LINE]]:{{[0-9]+}}: runtime error
  __typeof__((struct circle *)self(sq)) typed = NULL;                 // CHECK-NOT: sizeof_generic_typeof.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("sizeof %zu alignof %zu kind %s typed %s calls %d\n", n, a, k, typed ? "set" : "null", calls);
  // CHECK: sizeof 24 alignof 8 kind circle typed null calls 0
  struct circle *c = (struct circle *)self(sq);                       /* evaluated: the bug */
  // CHECK: sizeof_generic_typeof.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  printf("calls %d same %d\n", calls, (void *)c == (void *)sq);
  // CHECK: calls 1 same 1
  free(sq);
  puts("done");
  // CHECK: done
  return 0;
}
