/* A checked allocation result: elided when the site's type is the target's, checked (and
 * reported) when the size names another type. */
// ALLOCSCC-FLAGS: --allocscc-stats
#include <stdio.h>
#include <stdlib.h>

struct order { long id; double total; int lines; };
struct customer { char name[24]; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct order *fine = malloc(sizeof(struct order));      /* right: elided, nothing to check */
  // CHECK-NOT: allocation_type_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct order *bad = malloc(sizeof(struct customer));    /* the bug: sized for a customer */
  // CHECK: allocation_type_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct order *' (is_a)
  // CHECK: is 0 bytes into a 'struct customer' heap allocation of 24 bytes
  printf("%d %d\n", fine != NULL, bad != NULL);
  // CHECK: 1 1
  free(fine);
  free(bad);
  puts("done");
  // CHECK: done
  return 0;
}
