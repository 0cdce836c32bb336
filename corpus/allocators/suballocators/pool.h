/* pool.h: the block a pool of the corpus carves its chunks from (pool_chunks.c, pool_freed_chunk.c). */
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
#endif
