/* Punning a float's bits through an unsigned int * fails; through a union arm or memcpy it does not. */
#include <stdio.h>
#include <string.h>

union bits { float f; unsigned u; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  float x = 1.0f;
  unsigned via_memcpy;
  memcpy(&via_memcpy, &x, sizeof via_memcpy);     /* no cast at all */
  union bits b;
  b.f = 1.0f;
  unsigned *arm = (unsigned *)&b.f;                /* the union has an unsigned arm here: silent */
  // CHECK-NOT: float_bits_pun.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  unsigned *pun = (unsigned *)&x;                  /* the bug: x is a float */
  // CHECK: float_bits_pun.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'unsigned int *' (is_a)
  // CHECK: is 0 bytes into a 'float' stack allocation of 4 bytes
  // CHECK: declared as 'x' in main {{.*}}float_bits_pun.c:[[@LINE-10]]:
  printf("%08x %08x %08x\n", via_memcpy, *arm, *pun);
  // CHECK: 3f800000 3f800000 3f800000
  puts("done");
  // CHECK: done
  return 0;
}
