/* A wrapper that keeps a header, called through a function pointer (as libxml2 calls its
 * debugging allocator through xmlMalloc): no call to it is in sight, so no caller's site types
 * its chunks. Its own call to malloc is the site: the chunk's object starts after the header
 * (`header: 8`) and takes the type of the first cast at that address, as any untyped chunk's
 * base would; a later cast to another type is reported, measured from the object. */
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O0
// ALLOCSCC-FLAGS: --allocators %S/sized.yaml -O2
#include <stdio.h>
#include <stdlib.h>

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
  if (q) free((long long *) q - 1);
}

size_t sized_size(void *q)
{
  return (size_t) ((long long *) q)[-1];
}

/* The program's allocation hooks, set at run time. */
static void *(*volatile alloc_hook)(size_t) = sized_alloc;
static void (*volatile free_hook)(void *) = sized_free;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *raw = alloc_hook(sizeof(struct point));
  struct point *pt = (struct point *) raw;                   // CHECK-NOT: header_wrapper_through_pointer.c:[[@LINE]]:{{[0-9]+}}: runtime error
  pt->x = 1.5;
  struct point *again = (struct point *) raw;                // CHECK-NOT: header_wrapper_through_pointer.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct label *wrong = (struct label *) raw;                // CHECK: header_wrapper_through_pointer.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' heap allocation of 16 bytes
  // CHECK: allocated by malloc in sized_alloc {{.*}}header_wrapper_through_pointer.c:16:
  double *y = (double *) (void *) &again->y;                 // CHECK-NOT: header_wrapper_through_pointer.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%zu %.1f %d %d\n", sized_size(raw), pt->x, wrong != NULL, y != NULL);
  // CHECK: 16 1.5 1 1
  free_hook(raw);
  puts("done");
  // CHECK: done
  return 0;
}
