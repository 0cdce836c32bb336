/* glibc_malloc.h: the extra interface of libglibc_malloc.so, glibc's allocator built standalone (see README.md).
   Besides the malloc family it lets a program replace the source of heap memory (morecore) and watch the heap's
   regions and the allocator's calls. Every function here is safe to call before the first malloc. */
#ifndef GLIBC_MALLOC_H
#define GLIBC_MALLOC_H 1

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A morecore: grows the contiguous heap by INCREMENT bytes (shrinks it when negative) and returns the start of the
   new space (for a shrink, the old end), or NULL when it cannot. The allocator asks for page multiples and expects
   successive growths to be contiguous; when one is not, it starts a new, non-contiguous top (as with sbrk after a
   foreign brk). */
typedef void *(*glibc_malloc_morecore_fn) (ptrdiff_t increment);

/* Replaces the morecore (NULL restores sbrk) and returns the previous one (NULL for sbrk). Set it before the first
   allocation for all small allocations to come from it; set later, the allocator keeps using the space it has. */
glibc_malloc_morecore_fn glibc_malloc_set_morecore (glibc_malloc_morecore_fn morecore);

/* What happened to a region of the heap. */
enum glibc_malloc_region_event
{
  GLIBC_MALLOC_MORECORE_GREW = 1,	/* [start, start + length) joined the contiguous heap */
  GLIBC_MALLOC_MORECORE_SHRANK = 2,	/* [start, start + length) left it */
  GLIBC_MALLOC_MAPPED = 3,		/* an mmap for a large chunk or a thread arena's heap */
  GLIBC_MALLOC_UNMAPPED = 4,
  GLIBC_MALLOC_REMAPPED_FROM = 5,	/* mremap: the old region, followed by ... */
  GLIBC_MALLOC_REMAPPED_TO = 6		/* ... the new one */
};

/* Called after each change of the heap's regions, on the allocating thread, with the allocator's arena lock held
   where upstream holds it: it must not allocate. START and LENGTH are in bytes. */
typedef void (*glibc_malloc_region_hook) (enum glibc_malloc_region_event event, void *start, size_t length);

/* Installs the region hook (NULL removes it) and returns the previous one. */
glibc_malloc_region_hook glibc_malloc_set_region_hook (glibc_malloc_region_hook hook);

/* What a traced call did. */
enum glibc_malloc_call
{
  GLIBC_MALLOC_CALL_MALLOC = 1,	/* result = malloc (size) */
  GLIBC_MALLOC_CALL_FREE = 2,	/* free (pointer) */
  GLIBC_MALLOC_CALL_CALLOC = 3,	/* result = calloc: size is the product */
  GLIBC_MALLOC_CALL_REALLOC = 4,	/* result = realloc (pointer, size) */
  GLIBC_MALLOC_CALL_MEMALIGN = 5	/* result = memalign and its relatives (size in bytes) */
};

/* Called after each call of the malloc family returns (after the call's own work, so it may allocate: calls it
   makes are not traced). */
typedef void (*glibc_malloc_trace_hook) (enum glibc_malloc_call call, void *pointer, size_t size, void *result);

/* Installs the trace hook (NULL removes it) and returns the previous one. */
glibc_malloc_trace_hook glibc_malloc_set_trace_hook (glibc_malloc_trace_hook hook);

#ifdef __cplusplus
}
#endif
#endif
