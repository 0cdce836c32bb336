/* Regression (bzip2recover reads errno at EOF without clearing it first): main finds errno at 0
 * (the runtime's constructors leave it alone), and the checks and the query API leave errno as the
 * program set it, even when the first check loads the runtime and when a check fails and reports. */
#include <allocs.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct name { char text[8]; };

int main(void)
{
  printf("at main: %d\n", errno);
  // CHECK: at main: 0
  setvbuf(stdout, NULL, _IONBF, 0);
  void *p = malloc(sizeof(struct point));
  errno = 0;
  struct point *ok = p;                     /* the first check: loads the runtime */
  printf("after the first check: %d\n", errno);
  // CHECK: after the first check: 0
  errno = ERANGE;
  struct name *bad = (struct name *)ok;      /* fails and reports */
  // CHECK: errno_survives_checks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct name *' (is_a)
  printf("after a failed check: %s\n", errno == ERANGE ? "ERANGE" : "changed");
  // CHECK: after a failed check: ERANGE
  errno = EDOM;
  const void *base = alloc_get_base((char *)ok + 2);
  const struct uniqtype *t = alloc_get_type((void *)0x10);   /* a wild pointer: unknown */
  printf("after queries: %s %d %d\n", errno == EDOM ? "EDOM" : "changed", base == p, t == NULL);
  // CHECK: after queries: EDOM 1 1
  free(bad);
  puts("done");
  // CHECK: done
  return 0;
}
