/* Casts to character pointers (plain, signed, unsigned, qualified) are never checked, whatever the object. */
#include <stdio.h>
#include <stdlib.h>

struct packet { unsigned short type; unsigned short len; double stamp; };

static unsigned sum_bytes(const unsigned char *p, size_t n)
{
  unsigned s = 0;
  for (size_t i = 0; i < n; i++)
    s += p[i];
  return s;
}

static double g_value = 1.0;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct packet *pk = malloc(sizeof *pk);
  pk->type = 1; pk->len = 2; pk->stamp = 0.0;
  int local = 0x01010101;
  unsigned s1 = sum_bytes((const unsigned char *)pk, 4);                 // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  unsigned s2 = sum_bytes((unsigned char *)&local, sizeof local);        // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  char *c = (char *)&pk->stamp + 3;                                      // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  signed char *sc = (signed char *)&g_value;                             // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  const volatile char *cv = (const volatile char *)&pk->len;           // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  void *v = (void *)&local;                                              // CHECK-NOT: char_casts_never_checked.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%u %u %d %d %d %d\n", s1, s2, c != NULL, sc[7], cv != NULL, v == (void *)&local);
  // CHECK: 3 4 1 63 1 1
  free(pk);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
