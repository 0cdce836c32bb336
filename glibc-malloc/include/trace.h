/* trace.h: the exported wrappers' tracing (glibc_malloc_set_trace_hook). One relaxed load per call when no hook is
   installed; a thread's calls made from inside its hook are not traced. */
#ifndef GLIBC_MALLOC_TRACE_H
#define GLIBC_MALLOC_TRACE_H 1
#include <glibc_malloc.h>

extern glibc_malloc_trace_hook __glibc_malloc_trace_hook attribute_hidden;
extern __thread int __glibc_malloc_in_trace attribute_hidden attribute_tls_model_ie;

static inline void
glibc_malloc_trace (enum glibc_malloc_call call, void *pointer, size_t size, void *result)
{
  glibc_malloc_trace_hook hook = __atomic_load_n (&__glibc_malloc_trace_hook, __ATOMIC_RELAXED);
  if (__builtin_expect (hook != NULL, 0) && !__glibc_malloc_in_trace)
    {
      __glibc_malloc_in_trace = 1;
      hook (call, pointer, size, result);
      __glibc_malloc_in_trace = 0;
    }
}

/* Called by the exported wrappers on each call that may give the thread a cache (allocations, and free, which sets one
   up too): registers the calling thread's exit (src/glue.c) at its first call. */
extern __thread int __glibc_malloc_thread_noted attribute_hidden attribute_tls_model_ie;
extern void __glibc_malloc_note_thread_first (void) attribute_hidden;

static inline void
__glibc_malloc_note_thread (void)
{
  if (__builtin_expect (!__glibc_malloc_thread_noted, 0))
    __glibc_malloc_note_thread_first ();
}
#endif
