/* malloc(64) is untyped: the first cast to its base (struct foo *) types it; a later struct bar * cast fails. */
#include <stdio.h>
#include <stdlib.h>

struct foo { int a; int b; double c; };      /* 16 bytes: the chunk holds four */
struct bar { double x; long y; };            /* 16 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *buf = malloc(64);
  struct foo *f = buf;                       /* first typed view: the chunk becomes struct foo[4] */
  // CHECK-NOT: lazy_first_cast_sets_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  f[0].a = 1;
  f[3].c = 2.5;
  struct foo *again = (struct foo *)buf;     /* consistent: silent */
  struct foo *elem = (struct foo *)(void *)&f[3];   /* an element: silent */
  printf("%d %g\n", again->a, elem->c);
  // CHECK: 1 2.5
  struct bar *b = buf;                       /* the bug: the chunk holds foos */
  // CHECK: lazy_first_cast_sets_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct bar *' (is_a)
  // CHECK: is 0 bytes into a 'struct foo[4]' heap allocation of 64 bytes
  // CHECK: allocated by malloc in main {{.*}}lazy_first_cast_sets_type.c:[[@LINE-12]]:
  printf("b %s\n", (void *)b == buf ? "aliases" : "?");
  // CHECK: b aliases
  free(buf);
  puts("done");
  // CHECK: done
  return 0;
}
