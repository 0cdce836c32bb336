/* A union inside a tagged struct: arms pass at the union's offset; the struct itself viewed as a double fails. */
#include <stddef.h>
#include <stdio.h>

enum kind { K_INT, K_REAL, K_TEXT };
struct token {
  enum kind kind;
  union { long ival; double fval; const char *sval; } u;
};

static double real_value(const void *p)
{
  const double *d = p;                     /* checked: must point at a double */
  // CHECK: union_inside_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const double *' (is_a)
  // CHECK: is 0 bytes into a 'struct token' stack allocation of 16 bytes
  return d == 0 ? 0 : 1;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct token t = { K_REAL, { 0 } };
  t.u.fval = 1.5;
  long *as_long = (long *)(void *)&t.u;                    /* arm at offset 8: silent */
  const char **as_text = (const char **)(void *)((char *)&t + offsetof(struct token, u));
  double good = real_value(&t.u) + real_value(&t.u.fval);   /* silent */
  double bad = real_value(&t);                               /* the bug: that is the tag */
  printf("arms %d good %g bad %g\n", (as_long != 0) + (as_text != 0), good, bad);
  // CHECK: arms 2 good 2 bad 1
  puts("done");
  // CHECK: done
  return 0;
}
