/* Shim for malloc/morecore.c: the allocator's source of contiguous heap (MORECORE). Upstream calls sbrk; here the
   call goes through a pointer a program may replace (glibc_malloc_set_morecore in glibc_malloc.h), and every
   change of the heap's end is told to the region hook. Same contract as upstream: return the start of the new
   space, or NULL on failure; a negative increment shrinks. */
#include <glibc_malloc.h>

static bool __always_fail_morecore = false;

extern void *__glibc_malloc_call_morecore (ptrdiff_t increment) attribute_hidden;

void *
__glibc_morecore (ptrdiff_t increment)
{
  if (__always_fail_morecore)
    return NULL;
  return __glibc_malloc_call_morecore (increment);
}
