/* A wrapper that keeps a header before each object (the configuration says `header: 8`): its
 * objects are typed at that offset, by their site's sizeof or lazily by their first cast, so casts
 * to them are checked like any heap object's, and reports measure the object, not the chunk (a
 * wrapper's chunks are the heap's, named after it by alloc_get_allocator but reported as heap). */
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O0
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O2
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point { double x, y; };
struct label { char text[12]; int colour; };

void *sized_alloc(size_t n)
{
  long long *p = malloc(n + 8);
  if (!p) abort();
  p[0] = (long long) n;
  return p + 1;
}

void *sized_realloc(void *old, size_t n)
{
  long long *p = old ? (long long *) old - 1 : NULL;
  p = realloc(p, n + 8);
  if (!p) abort();
  p[0] = (long long) n;
  return p + 1;
}

void sized_free(void *q)
{
  if (q) free((long long *) q - 1);
}

/* Allocator code too ('queries'): its step back over the header is not a checked cast. */
size_t sized_size(void *q)
{
  return (size_t) ((long long *) q)[-1];
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *pt = sized_alloc(sizeof(struct point));      /* typed by its site, at offset 8 */
  void *erased = pt;
  struct point *same = (struct point *) erased;              // CHECK-NOT: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct label *wrong = (struct label *) erased;             // CHECK: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' heap allocation of 16 bytes
  // CHECK: allocated by sized_alloc in main {{.*}}sized_wrapper.c:[[@LINE-5]]:
  double *y = (double *) (void *) &same->y;                  // CHECK-NOT: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error

  size_t n = strlen("0123456789abcde") + 1;
  void *raw = sized_alloc(n);                                /* no sizeof: typed by its first cast */
  struct label *l = (struct label *) raw;                    // CHECK-NOT: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error
  strcpy(l->text, "hi");
  struct point *p2 = (struct point *) raw;                   // CHECK: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a)
  // CHECK: is 0 bytes into a 'struct label' heap allocation of 16 bytes

  struct point *grown = sized_realloc(pt, 2 * sizeof(struct point));
  struct point *second = (struct point *) (void *) &grown[1];   // CHECK-NOT: sized_wrapper.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%zu %zu %s %d %d %d\n", sized_size(grown), sized_size(raw), l->text, wrong != NULL, y != NULL, p2 != NULL && second != NULL);
  // CHECK: 32 16 hi 1 1 1
  sized_free(grown);
  sized_free(raw);
  puts("done");
  // CHECK: done
  return 0;
}
