/* An allocator of another layout, as a program might link after libliballocs.so (jemalloc, tcmalloc): here it counts
 * its calls and hands out chunks of its own from a static area, with no glibc header. The C layer must bypass it. */
#include <stddef.h>
#include <string.h>

unsigned long foreign_allocator_calls;
static char area[1 << 20] __attribute__((aligned(16)));
static size_t used;

void *malloc(size_t size)
{
	foreign_allocator_calls++;
	size = (size + 15) & ~(size_t)15;
	if (size > sizeof area - used)
		return NULL;
	void *p = area + used;
	used += size;
	return p;
}

void free(void *p)
{
	(void)p;
	foreign_allocator_calls++;
}

void *calloc(size_t n, size_t size)
{
	void *p = malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	void *q = malloc(size);
	if (q != NULL && p != NULL)
		memcpy(q, p, size);
	return q;
}

void *memalign(size_t alignment, size_t size)
{
	(void)alignment;
	return malloc(size);
}

void *valloc(size_t size)
{
	return malloc(size);
}
