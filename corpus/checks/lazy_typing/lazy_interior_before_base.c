/* Untyped chunk: an interior cast before the base is typed passes (unknown); after the base cast, the first
   element is checked, and past it only what matches the lazy type's array passes silently (the rest is unknown:
   a lazily typed chunk may be a header followed by storage of other types). */
#include <stdio.h>
#include <stdlib.h>

struct rec { long key; double val; char tag[16]; };   /* 32 bytes: the chunk holds three */
struct pair { int a, b; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  char *raw = malloc(96);
  struct rec *early = (struct rec *)(raw + 32);     /* interior of an untyped chunk: unknown, silent */
  // CHECK-NOT: lazy_interior_before_base.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  early->key = 7;
  struct rec *all = (struct rec *)raw;              /* the base: the chunk becomes struct rec[3] */
  // CHECK-NOT: lazy_interior_before_base.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct rec *third = (struct rec *)(raw + 64);     /* an element: silent */
  third->key = 9;
  printf("%ld %ld\n", all[1].key, all[2].key);
  // CHECK: 7 9
  struct pair *q = (struct pair *)(raw + 32);       /* past the first element: unknown, silent */
  // CHECK-NOT: lazy_interior_before_base.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct pair *p = (struct pair *)(raw + 8);        /* the bug: the first element's val is a double */
  // CHECK: lazy_interior_before_base.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct pair *' (is_a)
  // CHECK: is 8 bytes into a 'struct rec[3]' heap allocation of 96 bytes
  printf("p %s\n", (char *)p == raw + 8 && (char *)q == raw + 32 ? "aliases" : "?");
  // CHECK: p aliases
  free(raw);
  puts("done");
  // CHECK: done
  return 0;
}
