/* exports.c: the public malloc family of libglibc_malloc.so, thin wrappers over upstream's internal entry points
   (upstream's own aliases are dropped by glibc_compat.h), with the trace hook and thread-exit registration. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <trace.h>

#define EXPORT __attribute__ ((visibility ("default")))

extern void *__libc_malloc (size_t) attribute_hidden;
extern void __libc_free (void *) attribute_hidden;
extern void *__libc_calloc (size_t, size_t) attribute_hidden;
extern void *__libc_realloc (void *, size_t) attribute_hidden;
extern void *__libc_reallocarray (void *, size_t, size_t) attribute_hidden;
extern void *__libc_memalign (size_t, size_t) attribute_hidden;
extern void *__libc_valloc (size_t) attribute_hidden;
extern void *__libc_pvalloc (size_t) attribute_hidden;
extern int __posix_memalign (void **, size_t, size_t) attribute_hidden;
extern size_t __malloc_usable_size (void *) attribute_hidden;
extern int __libc_mallopt (int, int) attribute_hidden;
extern struct mallinfo2 __libc_mallinfo2 (void) attribute_hidden;
extern struct mallinfo __libc_mallinfo (void) attribute_hidden;
extern int __malloc_trim (size_t) attribute_hidden;
extern void __malloc_stats (void) attribute_hidden;
extern int __malloc_info (int, FILE *) attribute_hidden;

/* An allocating entry point: registers the calling thread's exit, runs EXPRESSION (upstream's call) and traces it. */
#define TRACED(call, old, size, expression)						\
  ({											\
    __glibc_malloc_note_thread ();							\
    void *traced_result = (expression);							\
    glibc_malloc_trace ((call), (old), (size), traced_result);				\
    traced_result;									\
  })

EXPORT void *malloc (size_t size) { return TRACED (GLIBC_MALLOC_CALL_MALLOC, NULL, size, __libc_malloc (size)); }
EXPORT void *calloc (size_t n, size_t size) { return TRACED (GLIBC_MALLOC_CALL_CALLOC, NULL, n * size, __libc_calloc (n, size)); }
EXPORT void *realloc (void *old, size_t size) { return TRACED (GLIBC_MALLOC_CALL_REALLOC, old, size, __libc_realloc (old, size)); }
EXPORT void *memalign (size_t alignment, size_t size)
{
  return TRACED (GLIBC_MALLOC_CALL_MEMALIGN, NULL, size, __libc_memalign (alignment, size));
}
EXPORT void *valloc (size_t size) { return TRACED (GLIBC_MALLOC_CALL_MEMALIGN, NULL, size, __libc_valloc (size)); }
EXPORT void *pvalloc (size_t size) { return TRACED (GLIBC_MALLOC_CALL_MEMALIGN, NULL, size, __libc_pvalloc (size)); }
/* Upstream's reallocarray calls the exported realloc, which traces the call. */
EXPORT void *
reallocarray (void *old, size_t n, size_t size)
{
  __glibc_malloc_note_thread ();
  return __libc_reallocarray (old, n, size);
}

EXPORT void
free (void *p)
{
  __glibc_malloc_note_thread ();	/* free sets up the thread's cache too */
  __libc_free (p);
  glibc_malloc_trace (GLIBC_MALLOC_CALL_FREE, p, 0, NULL);
}

/* Upstream's own aligned_alloc when it has one (glibc_compat.h renames it); before glibc 2.38, memalign. */
#undef aligned_alloc
extern void *__glibc_malloc_upstream_aligned_alloc (size_t, size_t) __attribute__ ((weak)) attribute_hidden;

EXPORT void *
aligned_alloc (size_t alignment, size_t size)
{
  if (__glibc_malloc_upstream_aligned_alloc == NULL)
    return memalign (alignment, size);
  return TRACED (GLIBC_MALLOC_CALL_MEMALIGN, NULL, size, __glibc_malloc_upstream_aligned_alloc (alignment, size));
}

EXPORT int
posix_memalign (void **out, size_t alignment, size_t size)
{
  __glibc_malloc_note_thread ();
  int r = __posix_memalign (out, alignment, size);
  glibc_malloc_trace (GLIBC_MALLOC_CALL_MEMALIGN, NULL, size, r == 0 ? *out : NULL);
  return r;
}

EXPORT size_t malloc_usable_size (void *p) { return __malloc_usable_size (p); }
EXPORT int mallopt (int param, int value) { return __libc_mallopt (param, value); }
EXPORT struct mallinfo2 mallinfo2 (void) { return __libc_mallinfo2 (); }
EXPORT struct mallinfo mallinfo (void) { return __libc_mallinfo (); }
EXPORT int malloc_trim (size_t pad) { return __malloc_trim (pad); }
EXPORT void malloc_stats (void) { __malloc_stats (); }
EXPORT int malloc_info (int options, FILE *fp) { return __malloc_info (options, fp); }

/* glibc's other names of the same entry points (glibc_compat.h renames upstream's): the symbol named in the string,
   an alias of our wrapper. */
#define EXPORT_ALIAS(name, wrapper) \
  extern __typeof (wrapper) name##_export __asm__ (#name) \
    __attribute__ ((alias (#wrapper), copy (wrapper), visibility ("default")));
EXPORT_ALIAS (__libc_malloc, malloc)
EXPORT_ALIAS (__libc_free, free)
EXPORT_ALIAS (__libc_calloc, calloc)
EXPORT_ALIAS (__libc_realloc, realloc)
EXPORT_ALIAS (__libc_memalign, memalign)
EXPORT_ALIAS (__libc_valloc, valloc)
EXPORT_ALIAS (__libc_pvalloc, pvalloc)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"	/* mallinfo: deprecated, and exported all the same */
EXPORT_ALIAS (__libc_mallinfo, mallinfo)
#pragma GCC diagnostic pop
EXPORT_ALIAS (__libc_mallopt, mallopt)
