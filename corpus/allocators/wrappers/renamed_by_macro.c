/* A library that renames its functions with macros for its own definitions and calls (libxml2
 * defines xmlMemFree as xmlMemFree__internal_alias inside the library, glibc-style internal
 * aliases): the configuration names the functions as written, so the renamed wrapper is still
 * allocator code (its step back over the header is not checked) and calls to it are still its
 * sites, typed by their sizeof at the header's offset. */
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O0
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O2
#include <stdio.h>
#include <stdlib.h>

#define sized_alloc sized_alloc__internal_alias
#define sized_free sized_free__internal_alias

struct point { double x, y; };
struct label { char text[12]; int colour; };

void *sized_alloc(size_t n)
{
  long long *p = malloc(n + 8);
  if (!p) abort();
  p[0] = (long long) n;
  return p + 1;
}

void sized_free(void *q)
{
  long long *header = (long long *) q - 1;                   // CHECK-NOT: renamed_by_macro.c:[[@LINE]]:{{[0-9]+}}: runtime error
  free(header);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *pt = sized_alloc(sizeof(struct point));
  void *erased = pt;
  struct label *wrong = (struct label *) erased;             // CHECK: renamed_by_macro.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' heap allocation of 16 bytes
  // CHECK: allocated by sized_alloc in main {{.*}}renamed_by_macro.c:[[@LINE-4]]:
  printf("%d\n", wrong != NULL);
  // CHECK: 1
  sized_free(pt);
  puts("done");
  // CHECK: done
  return 0;
}
