/* String literals have no record: the runtime reads one as the NUL-terminated run of text in
 * read-only data around the address, so L"ab" (a, 0, 0, 0, b, ...) reads as the text "a". Such a
 * type is a guess: a cast it does not match answers unknown storage, not a report, and a
 * narrow literal viewed as char still passes on it. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <stdio.h>
#include <wchar.h>

/* Opaque to the optimiser, so the casts stay checks of the literal's address. */
__attribute__((noinline)) static int first(const void *p, int wide)
{
  if (wide)
  {
    const wchar_t *w = (const wchar_t *) p;                  // CHECK-NOT: wide_string_literals.c:[[@LINE]]:{{[0-9]+}}: runtime error
    return (int) w[0];
  }
  const char *c = (const char *) p;                          // CHECK-NOT: wide_string_literals.c:[[@LINE]]:{{[0-9]+}}: runtime error
  return c[0];
}

int main(void)
{
  printf("%d %d %d\n", first(L"ab", 1), first(L"x", 1), first("narrow", 0));
  // CHECK: 97 120 110
  return 0;
}
