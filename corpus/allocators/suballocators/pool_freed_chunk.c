/* A pool chunk freed through the configured free is reported when a stale pointer into it is cast,
 * until the pool hands its memory out again (the new chunk's type then applies) or is destroyed. */
// ALLOCSCC-FLAGS: --allocators %S/pool.yaml -g
#include <stdio.h>
#include <stdlib.h>
#include "pool.h"

struct vec3 { double x, y, z; };
struct pair { long a, b; };

void *pool_alloc(struct pool *p, size_t n)
{
  if (p->free_list)                 /* one-slot free list: reuse the last freed chunk */
  {
    void *chunk = p->free_list;
    p->free_list = NULL;
    return chunk;
  }
  return pool_bump(p, n, 32);
}

void pool_free(struct pool *p, void *chunk) { p->free_list = chunk; }

void pool_destroy(struct pool *p) { free(p->block); free(p); }

static void drop(struct pool *pool, struct vec3 *v)
{
  pool_free(pool, v);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct pool *pool = pool_create(1024);
  struct vec3 *v = pool_alloc(pool, sizeof(struct vec3));
  struct vec3 *w = pool_alloc(pool, sizeof(struct vec3));
  drop(pool, v);
  void *stale = v;
  struct vec3 *again = (struct vec3 *)stale;      /* the bug: v was freed */
  // CHECK: pool_freed_chunk.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct vec3 *' (is_a) into freed memory
  // CHECK: is 0 bytes into a freed 'struct vec3' pool allocation of 24 bytes
  // CHECK: freed by the pool allocator's free called from drop {{.*}}pool_freed_chunk.c:28:
  // CHECK: previously allocated by pool_alloc in main {{.*}}pool_freed_chunk.c:35:
  // CHECK: SUMMARY: liballocs: use-after-free
  struct vec3 *live = (struct vec3 *)(void *)w;   /* another chunk, live: silent */
  // CHECK-NOT: pool_freed_chunk.c:[[@LINE-1]]:
  struct pair *reused = pool_alloc(pool, sizeof(struct pair));   /* the freed memory again */
  struct pair *fine = (struct pair *)(void *)reused;             /* its new type: silent */
  // CHECK-NOT: pool_freed_chunk.c:[[@LINE-1]]:
  printf("reused the freed chunk: %d\n", (void *)reused == stale);
  // CHECK: reused the freed chunk: 1
  pool_destroy(pool);
  printf("%d\n", again != NULL && live != NULL && fine != NULL);
  // CHECK: 1
  return 0;
}
