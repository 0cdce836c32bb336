/* A scanf-like va_arg(ap, int *) with int and unsigned pointers passes; a short * for %d fails. */
#include <stdarg.h>
#include <stdio.h>

static int store(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = 0;
  for (const char *f = fmt; *f; f++)
  {
    if (*f == 'd')
    {
      int *ip = va_arg(ap, int *);
      // CHECK: va_arg_scanf_like.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int *' (is_a)
      // CHECK: is 0 bytes into a 'short' stack allocation of 2 bytes
      (void)ip;
      n++;
    }
    else if (*f == 'f')
    {
      double *dp = va_arg(ap, double *);
      *dp = 0.5;
      n++;
    }
  }
  va_end(ap);
  return n;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int i = 0;
  unsigned u = 0;
  double d = 0;
  short s = 0;
  int n1 = store("dfd", &i, &d, (int *)&u);   /* unsigned for %d: allowed */
  int n2 = store("fd", &d, &s);               /* the bug: s is a short */
  printf("%d %d %g %d\n", n1, n2, d, s);
  // CHECK: 3 2 0.5 0
  puts("done");
  // CHECK: done
  return 0;
}
