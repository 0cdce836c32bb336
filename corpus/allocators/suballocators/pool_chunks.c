/* A pool carving chunks out of one malloc'd block: each chunk is a child allocation with its own type. */
// ALLOCSCC-FLAGS: --allocators %S/pool.yaml
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>
#include "pool.h"

struct vec3 { double x, y, z; };
struct pair { long a, b; };

void *pool_alloc(struct pool *p, size_t n) { return pool_bump(p, n, 16); }

void pool_free(struct pool *p, void *chunk) { (void)p; (void)chunk; }

void pool_destroy(struct pool *p) { free(p->block); free(p); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct pool *pool = pool_create(1024);
  struct vec3 *v = pool_alloc(pool, sizeof(struct vec3));
  struct pair *q = pool_alloc(pool, 3 * sizeof(struct pair));
  struct alloc_info up;
  printf("v: %s %s size %lu\n", alloc_get_allocator(v)->name, UNIQTYPE_NAME(alloc_get_type(v)), alloc_get_size(v));
  // CHECK: v: pool vec3 size 24
  printf("q[2]: %s %s\n", alloc_get_allocator(&q[2])->name, UNIQTYPE_NAME(alloc_get_type(&q[1].b)));
  // CHECK: q[2]: pool __ARR3_pair
  int have_parent = alloc_get_info_at_level(v, 1, &up) == 0;
  printf("parent of v: %s %d\n", have_parent ? up.allocator->name : "none", have_parent && up.size == 1024);
  // CHECK: parent of v: malloc 1
  void *any = q;
  struct vec3 *wrong = any;                       /* the bug: pairs are no vector */
  // CHECK: pool_chunks.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct vec3 *' (is_a)
  // CHECK: is 0 bytes into a 'struct pair[3]' pool allocation of 48 bytes
  // CHECK: allocated by pool_alloc in main {{.*}}pool_chunks.c:22:{{[0-9]+}}
  pool_free(pool, v);
  printf("freed v: %s\n", alloc_get_allocator(v)->name);
  // CHECK: freed v: malloc
  pool_destroy(pool);
  printf("%d\n", wrong != NULL);
  // CHECK: 1
  puts("done");
  // CHECK: done
  return 0;
}
