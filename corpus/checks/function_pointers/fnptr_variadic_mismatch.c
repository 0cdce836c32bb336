/* A variadic function cast to a non-variadic pointer type fails is_a_function_refining; to its own type it passes. */
#include <stdarg.h>
#include <stdio.h>

static int log_line(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

static int print_plain(const char *s) { return printf("%s", s); }

static void *registry[2] = { (void *)log_line, (void *)print_plain };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int (*logfn)(const char *, ...) = (int (*)(const char *, ...))registry[0];   /* silent */
  // CHECK-NOT: fnptr_variadic_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int (*plain)(const char *) = (int (*)(const char *))registry[1];            /* silent */
  // CHECK-NOT: fnptr_variadic_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  logfn("%d-%s\n", 7, "seven");
  // CHECK: 7-seven
  plain("plain\n");
  // CHECK: plain
  int (*bad)(const char *) = (int (*)(const char *))registry[0];              /* the bug: log_line is variadic */
  // CHECK: fnptr_variadic_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int (*)(const char *)' (is_a_function_refining)
  printf("bad %s\n", (void *)bad == registry[0] ? "is log_line" : "?");
  // CHECK: bad is log_line
  puts("done");
  // CHECK: done
  return 0;
}
