/* A checked cast evaluates its operand exactly once, whether the check passes or fails. */
#include <stdio.h>
#include <stdlib.h>

struct foo { int a; double b; };
struct bar { double x; double y; double z; };

static void *pool[4];
static int calls;

static void *next_ptr(int *i)
{
  calls++;
  return pool[(*i)++];
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int k = 0; k < 4; k++)
    pool[k] = malloc(sizeof(struct foo));
  int i = 0;
  struct foo *f = (struct foo *)next_ptr(&i);            /* right */
  printf("i %d calls %d\n", i, calls);
  // CHECK: i 1 calls 1
  struct foo *g = next_ptr(&i);                          /* right, implicit */
  printf("i %d calls %d\n", i, calls);
  // CHECK: i 2 calls 2
  struct bar *b = (struct bar *)next_ptr(&i);            /* the bug, with a side effect */
  // CHECK: cast_operand_evaluated_once.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct bar *' (is_a)
  printf("i %d calls %d\n", i, calls);
  // CHECK: i 3 calls 3
  int j = 0;
  struct foo *h = (struct foo *)pool[j++];               /* post-increment in the operand */
  printf("j %d same %d\n", j, h == (struct foo *)(void *)pool[0]);
  // CHECK: j 1 same 1
  printf("distinct %d\n", (void *)f != (void *)g && (void *)g != (void *)b);
  // CHECK: distinct 1
  for (int k = 0; k < 4; k++)
    free(pool[k]);
  puts("done");
  // CHECK: done
  return 0;
}
