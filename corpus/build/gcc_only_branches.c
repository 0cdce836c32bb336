/* libclang parses with gcc's predefined macros, not clang's: the branches gcc compiles are the ones
 * instrumented. Under clang's macros (__clang__, __GNUC__ 4) the bad cast below would be invisible
 * to the instrumenter, and the metadata would name clang_only_hash, which gcc never sees. */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct label { char text[8]; };

#ifdef __clang__
static unsigned clang_only_hash(const char *s) { return (unsigned) *s; }
static unsigned (*hash)(const char *) = clang_only_hash;
#endif

#if __GNUC__ >= 5 && !defined __clang__
static int gcc_branch(void *p)
{
  struct label *l = (struct label *) p;  // CHECK: gcc_only_branches.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  return l != NULL;
}
#else
static int gcc_branch(void *p) { return p != NULL; }
#endif

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *pt = malloc(sizeof *pt);
  int seen = gcc_branch(pt);
#if __STDC_VERSION__ >= 201112L && defined __OPTIMIZE__
  puts("optimised C11");
  // CHECK: optimised C11
#endif
  free(pt);
  printf("done %d\n", seen);
  // CHECK: done 1
  return 0;
}
// ALLOCSCC-FLAGS: -O2 -std=gnu11
