/* Allocation calls inside macros are allocation sites typed from their sizeof when the macro's value
 * is the call's (the invocation is wrapped), in the file's macros and in a header's; a configured
 * suballocator's free inside a macro forgets the chunk (its argument is wrapped where the
 * invocation writes it), so a stale pointer to it is reported rather than taken for a live chunk. */
// ALLOCSCC-FLAGS: --allocators %S/pool.yaml
// ALLOCSCC-FLAGS: --allocators %S/pool.yaml -O2
#include <stdio.h>
#include <stdlib.h>
#include "pool.h"

void *pool_alloc(struct pool *p, size_t n) { return pool_bump(p, n, 32); }

void pool_free(struct pool *p, void *chunk) { (void) p; (void) chunk; }

void pool_destroy(struct pool *p) { free(p->block); free(p); }

#include "allocation_in_macros.h"
#define Malloc(n) malloc(n)

struct point { double x, y; };
struct label { char text[12]; int colour; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *p = NEW(struct point);                  /* typed 'struct point' by the header macro's sizeof */
  struct label *l = (struct label *) p;         // CHECK: allocation_in_macros.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct label *' (is_a)
  // CHECK: is 0 bytes into a 'struct point' heap allocation of 16 bytes
  // CHECK: allocated by malloc in main {{.*}}allocation_in_macros.c:[[@LINE-3]]:
  void *q = NEW_ARRAY(struct label, 3);
  struct label *third = (struct label *) q + 2; // CHECK-NOT: allocation_in_macros.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct point *pt = (struct point *) q;        // CHECK: allocation_in_macros.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a)
  // CHECK: is 0 bytes into a 'struct label[3]' heap allocation of 48 bytes
  void *r = Malloc(sizeof(struct label));       /* the file's own macro */
  struct point *pr = (struct point *) r;        // CHECK: allocation_in_macros.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a)
  // CHECK: is 0 bytes into a 'struct label' heap allocation of 16 bytes

  struct pool *pool = pool_create(256);
  void *c = POOL_NEW(pool, struct point);       /* a suballocation in a macro: not recorded (its arguments go through temporaries) */
  POOL_FREE(pool, c);                           /* ...but a free in a macro is: */
  void *d = pool_alloc(pool, sizeof(struct point));
  POOL_FREE(pool, d);
  struct point *stale = (struct point *) d;     // CHECK: allocation_in_macros.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a) into freed memory
  // CHECK: freed by the pool allocator's free called from main
  printf("%d %d %d %d\n", l != NULL, third != NULL && pt != NULL, pr != NULL, stale != NULL);
  // CHECK: 1 1 1 1
  pool_destroy(pool);
  free(p);
  free(q);
  free(r);
  puts("done");
  // CHECK: done
  return 0;
}
