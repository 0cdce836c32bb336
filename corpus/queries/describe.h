/* describe.h: prints what the runtime says about an address, for the query corpus programs. */
#ifndef CORPUS_DESCRIBE_H
#define CORPUS_DESCRIBE_H
#include <allocs.h>
#include <stdio.h>

/* "<what>: <allocator> base+<offset> size <bytes> type <uniqtype name>" */
static inline void show(const char *what, const void *p)
{
  const struct allocator *a = alloc_get_allocator(p);
  printf("%s: %s base+%ld size %lu type %s\n", what, a ? a->name : "(none)",
    (long)((const char *)p - (const char *)alloc_get_base(p)),
    alloc_get_size(p), UNIQTYPE_NAME(alloc_get_type(p)));
}
#endif
