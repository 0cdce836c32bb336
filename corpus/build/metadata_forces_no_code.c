/* The metadata never forces code into existence: an unused static inline function that calls a
 * function defined nowhere must not reach the link (the statics table would take its address), and
 * a deprecated definition named by the table must not warn under -Werror. Functions whose address
 * the program takes stay typed: a cast of one to the wrong pointer type is still reported. */
#include <stdio.h>

void defined_nowhere(int);

static inline void never_called(int n) { defined_nowhere(n); }

__attribute__((deprecated("use add_numbers"))) int old_add(int a, int b);
int old_add(int a, int b) { return a + b; }

static int add_numbers(int a, int b) { return a + b; }
static int twice(int a) { return add_numbers(a, a); }   /* only called: no pointer to it exists */

static const char *greeting = "hello";

typedef int binary_op(int, int);
typedef double real_op(double);

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  binary_op *op = add_numbers;
  void *erased = (void *) op;
  binary_op *same = (binary_op *) erased;                 // CHECK-NOT: metadata_forces_no_code.c:[[@LINE]]:{{[0-9]+}}: runtime error
  real_op *wrong = (real_op *) erased;                    // CHECK: metadata_forces_no_code.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'real_op *'
  printf("%s %d %d %d\n", greeting, same(2, 3), twice(4), wrong == (real_op *) 0);
  // CHECK: hello 5 8 0
  puts("done");
  // CHECK: done
  return 0;
}
// ALLOCSCC-FLAGS: -O0 -Werror=deprecated-declarations
// ALLOCSCC-FLAGS: -O2 -Werror=deprecated-declarations
