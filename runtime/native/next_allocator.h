/* next_allocator.h: the allocator beneath the interposers. The malloc family's next definitions in the process's
 * lookup order (dlsym(RTLD_NEXT) from this library): glibc's own, or an allocator preloaded after libliballocs.so
 * (LD_PRELOAD="libliballocs.so libglibc_malloc.so" puts glibc's allocator built standalone there). Its chunks must
 * have glibc's layout (heap_index.h's chunk_header): another allocator found there is bypassed for glibc's own.
 * Resolved at the first call; a call made while the resolving thread is inside dlsym is served from a small static
 * bootstrap area and never tracked. */
#ifndef LIBALLOCS_NEXT_ALLOCATOR_H
#define LIBALLOCS_NEXT_ALLOCATOR_H

#include <stddef.h>
#include "heap_index.h"

struct next_allocator
{
	void *(*malloc)(size_t size);
	void (*free)(void *p);
	void *(*calloc)(size_t nmemb, size_t size);
	void *(*realloc)(void *p, size_t size);
	void *(*memalign)(size_t alignment, size_t size);
	void *(*valloc)(size_t size);
};

LIBALLOCS_HIDDEN extern struct next_allocator next_allocator_table;

/* Fills next_allocator_table (every thread that arrives first does; they find the same functions) and, when the next
 * allocator is glibc's built standalone, installs heap_regions.c's region hook before its first allocation. */
LIBALLOCS_HIDDEN void next_allocator_resolve(void);

/* The next allocator, resolved. */
static inline const struct next_allocator *next_allocator(void)
{
	if (__builtin_expect(__atomic_load_n(&next_allocator_table.valloc, __ATOMIC_ACQUIRE) == NULL, 0))
		next_allocator_resolve();
	return &next_allocator_table;
}

/* Bootstrap chunks: 1 while the calling thread resolves (its allocations must not recurse into dlsym). */
LIBALLOCS_HIDDEN int next_allocator_resolving(void);
LIBALLOCS_HIDDEN void *bootstrap_alloc(size_t size, size_t alignment);
/* 1 when p was returned by bootstrap_alloc; such a chunk is never freed, and its usable size is bootstrap_size. */
LIBALLOCS_HIDDEN int bootstrap_owns(const void *p);
LIBALLOCS_HIDDEN size_t bootstrap_size(const void *p);

#endif
