/* const and volatile views of an object, at any level of the cast, are always allowed. */
#include <stdio.h>
#include <stdlib.h>

struct sensor { volatile int reading; const char *name; };

static int read_twice(const volatile void *p)
{
  const volatile int *r = (const volatile int *)p;           /* int at offset 0: silent */
  // CHECK-NOT: qualified_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  const struct sensor *s = (const struct sensor *)p;         /* silent */
  // CHECK-NOT: qualified_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  volatile unsigned *u = (volatile unsigned *)p;             /* qualifier and signedness: silent */
  // CHECK-NOT: qualified_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  return *r + s->reading + (int)*u;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sensor *s = malloc(sizeof *s);
  s->reading = 5;
  s->name = "t0";
  const char *const *name = (const char *const *)(void *)&s->name;   /* silent */
  // CHECK-NOT: qualified_views.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%s %d\n", *name, read_twice(s));
  // CHECK: t0 15
  free(s);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
