/* next_allocator.c: finds the allocator beneath the interposers (next_allocator.h), with the bootstrap area that
 * serves the resolving thread while dlsym runs. glibc's own entry points (__libc_*) stand in when dlsym finds nothing
 * (a C layer loaded in an unusual order) or finds an allocator whose chunks lack glibc's layout. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include "next_allocator.h"
#include "heap_regions.h"

extern void *__libc_malloc(size_t size);
extern void __libc_free(void *p);
extern void *__libc_calloc(size_t nmemb, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);

struct next_allocator next_allocator_table;

static __thread int resolving __attribute__((tls_model("initial-exec")));

int next_allocator_resolving(void)
{
	return resolving;
}

#define BOOTSTRAP_BYTES (64u << 10)
static char bootstrap[BOOTSTRAP_BYTES] __attribute__((aligned(64)));
static size_t bootstrap_used;

/* A 16-byte header before each chunk holds its size. Exhaustion returns null (malloc's ENOMEM): dlsym allocates a few
 * hundred bytes at most. */
void *bootstrap_alloc(size_t size, size_t alignment)
{
	if (alignment < 16)
		alignment = 16;
	size_t used = __atomic_load_n(&bootstrap_used, __ATOMIC_RELAXED);
	for (;;)
	{
		size_t start = (used + 16 + alignment - 1) & ~(alignment - 1);
		if (start > BOOTSTRAP_BYTES || size > BOOTSTRAP_BYTES - start)
			return NULL;
		if (__atomic_compare_exchange_n(&bootstrap_used, &used, start + size, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		{
			*(size_t *)(bootstrap + start - 16) = size;
			return bootstrap + start;
		}
	}
}

int bootstrap_owns(const void *p)
{
	return (const char *)p >= bootstrap && (const char *)p < bootstrap + BOOTSTRAP_BYTES;
}

size_t bootstrap_size(const void *p)
{
	return *(const size_t *)((const char *)p - 16);
}

static void *next(const char *name, void *fallback)
{
	void *f = dlsym(RTLD_NEXT, name);
	return f != NULL ? f : fallback;
}

/* Whether the next malloc keeps glibc's chunk layout, which the heap index reads (heap_index.h): 2 for glibc's allocator
 * built standalone (the object defining that malloc also defines glibc_malloc_set_region_hook), 1 for glibc's own (its
 * malloc is __libc_malloc), 0 for another allocator linked after this library (jemalloc, tcmalloc), which is bypassed as
 * it was before the allocator beneath could be chosen: its chunks would be misread. */
static int glibc_layout(void *next_malloc)
{
	void *hook = dlsym(RTLD_NEXT, "glibc_malloc_set_region_hook");
	Dl_info of_malloc, of_hook;
	if (hook != NULL && dladdr(next_malloc, &of_malloc) && dladdr(hook, &of_hook) && of_malloc.dli_fbase == of_hook.dli_fbase)
		return 2;
	return next_malloc == (void *)__libc_malloc;
}

void next_allocator_resolve(void)
{
	resolving = 1;
	struct next_allocator found = {
		.malloc = __libc_malloc, .free = __libc_free, .calloc = __libc_calloc,
		.realloc = __libc_realloc, .memalign = __libc_memalign, .valloc = __libc_valloc,
	};
	void *next_malloc = dlsym(RTLD_NEXT, "malloc");
	int layout = next_malloc != NULL ? glibc_layout(next_malloc) : 0;
	if (layout != 0)
	{
		*(void **)&found.malloc = next_malloc;
		*(void **)&found.free = next("free", (void *)__libc_free);
		*(void **)&found.calloc = next("calloc", (void *)__libc_calloc);
		*(void **)&found.realloc = next("realloc", (void *)__libc_realloc);
		*(void **)&found.memalign = next("memalign", (void *)__libc_memalign);
		*(void **)&found.valloc = next("valloc", (void *)__libc_valloc);
		/* glibc's allocator built standalone tells where its heap lives: listen before its first allocation. */
		if (layout == 2)
			heap_regions_listen();
	}
	resolving = 0;
	__atomic_store_n(&next_allocator_table.malloc, found.malloc, __ATOMIC_RELAXED);
	__atomic_store_n(&next_allocator_table.free, found.free, __ATOMIC_RELAXED);
	__atomic_store_n(&next_allocator_table.calloc, found.calloc, __ATOMIC_RELAXED);
	__atomic_store_n(&next_allocator_table.realloc, found.realloc, __ATOMIC_RELAXED);
	__atomic_store_n(&next_allocator_table.memalign, found.memalign, __ATOMIC_RELAXED);
	/* valloc last, with release: next_allocator() tests it. */
	__atomic_store_n(&next_allocator_table.valloc, found.valloc, __ATOMIC_RELEASE);
}
