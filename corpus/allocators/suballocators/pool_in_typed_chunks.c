/* One cast site checking many heap chunks of one allocation site, some of which a pool carves chunks out of: a verdict the C
 * layer reuses across the site's chunks holds only for chunks holding no suballocated chunk. A chunk a pool carved from is
 * marked so (checks/README.md, "How a check is answered"), and a check there goes to the runtime, which finds the pool's chunk. */
// ALLOCSCC-FLAGS: --allocators %S/pool.yaml
#include <stdio.h>
#include <stdlib.h>

struct vec3 { double x, y, z; };
/* A typed block with room for a pool behind its header. */
struct slab { long used; char bytes[120]; };
struct pool { struct slab *slab; };

void *pool_alloc(struct pool *p, size_t n)
{
  void *chunk = p->slab->bytes + p->slab->used;
  p->slab->used += (long)((n + 15) & ~(size_t)15);
  return chunk;
}
void pool_free(struct pool *p, void *chunk) { (void)p; (void)chunk; }
void pool_destroy(struct pool *p) { (void)p; }

/* The one cast site of the test. */
static struct vec3 *as_vec3(void *p) { return (struct vec3 *)p; }

#define SLABS 50

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  struct slab *slabs[SLABS];
  for (int i = 0; i < SLABS; i++)
  {
    slabs[i] = malloc(sizeof(struct slab));
    slabs[i]->used = 0;
  }
  /* The bug, once per slab: char bytes are no vector. The runtime answers the first; the rest reuse its verdict. */
  int wrong = 0;
  for (int i = 0; i < SLABS; i++)
    wrong += as_vec3(slabs[i]->bytes) != NULL;
  // CHECK: pool_in_typed_chunks.c:23:{{[0-9]+}}: runtime error: bad cast to 'struct vec3 *' (is_a)
  // CHECK: is 8 bytes into a 'struct slab' heap allocation of 128 bytes
  printf("wrong %d\n", wrong);
  // CHECK: wrong 50
  /* Now a pool carves a vector at the same place in each slab: the same check on the same site's chunks of the same size at
   * the same offset passes, as the runtime says, not as the reused verdict on slabs without a pool said. */
  struct pool pools[SLABS];
  double sum = 0;
  for (int i = 0; i < SLABS; i++)
  {
    pools[i].slab = slabs[i];
    struct vec3 *carved = pool_alloc(&pools[i], sizeof(struct vec3));
    carved->x = i;
    sum += as_vec3(slabs[i]->bytes)->x;
  }
  printf("sum %g\n", sum);
  // CHECK: sum 1225
  for (int i = 0; i < SLABS; i++)
    free(slabs[i]);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 100 checks begun: 50 passed ({{[0-9]+}} via cache), 50 failed, 0 unknown storage, 0 suppressed
  // CHECK: 50x {{.*}}pool_in_typed_chunks.c:23:{{[0-9]+}} bad cast to 'struct vec3 *' (is_a)
  return 0;
}
