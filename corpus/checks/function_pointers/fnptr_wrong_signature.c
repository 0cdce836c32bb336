/* int twice(int) fetched through a void * and cast to double (*)(double) fails is_a_function_refining. */
#include <stdio.h>
#include <string.h>

static int twice(int x) { return 2 * x; }
static double halve(double x) { return x / 2; }

struct symbol { const char *name; void *addr; };
static const struct symbol table[] = { { "twice", (void *)twice }, { "halve", (void *)halve } };

static void *sym(const char *name)
{
  for (int i = 0; i < 2; i++)
    if (strcmp(table[i].name, name) == 0)
      return table[i].addr;
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int (*ti)(int) = (int (*)(int))sym("twice");                 /* right: silent */
  // CHECK-NOT: fnptr_wrong_signature.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  double (*hd)(double) = (double (*)(double))sym("halve");     /* right: silent */
  // CHECK-NOT: fnptr_wrong_signature.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%d %g\n", ti(21), hd(5.0));
  // CHECK: 42 2.5
  double (*wrong)(double) = (double (*)(double))sym("twice");  /* the bug: twice takes an int */
  // CHECK: fnptr_wrong_signature.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double (*)(double)' (is_a_function_refining)
  printf("wrong %s\n", (void *)wrong == (void *)twice ? "is twice" : "?");
  // CHECK: wrong is twice
  puts("done");
  // CHECK: done
  return 0;
}
