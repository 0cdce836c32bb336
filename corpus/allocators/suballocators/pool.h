/* pool.h: the block a pool of the corpus carves its chunks from (pool_chunks.c, pool_freed_chunk.c, allocation_in_macros.c). */
#ifndef CORPUS_POOL_H
#define CORPUS_POOL_H
#include <stdlib.h>

struct pool { char *block; size_t used, capacity; char *free_list; };

static struct pool *pool_create(size_t capacity)
{
  struct pool *p = malloc(sizeof *p);
  p->block = malloc(capacity);
  p->used = 0;
  p->capacity = capacity;
  p->free_list = NULL;
  return p;
}
/* Carves n bytes, rounded up to `align` (a power of two), off the block; null when it is used up. */
static void *pool_bump(struct pool *p, size_t n, size_t align)
{
  n = (n + align - 1) & ~(align - 1);
  if (p->used + n > p->capacity) return NULL;
  void *chunk = p->block + p->used;
  p->used += n;
  return chunk;
}
#endif
