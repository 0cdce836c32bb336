/* heap_regions.h: the regions of memory the allocator beneath the interposers obtained for its heap, as glibc's
 * allocator built standalone reports them through its region hook (glibc_malloc.h): what its morecore grew (the
 * contiguous heap) and each of its mappings (large chunks, other threads' arenas). They make the brk and mmap parents
 * of heap chunks exact, where /proc/self/maps merges neighbouring mappings. Empty when the allocator beneath reports
 * nothing (glibc's own). */
#ifndef LIBALLOCS_HEAP_REGIONS_H
#define LIBALLOCS_HEAP_REGIONS_H

#include <stddef.h>
#include <stdint.h>
#include "heap_index.h"

#include "shim_api.h"   /* enum __liballocs_heap_region_kind, what heap_region_of answers */

/* Installs the region hook in the next allocator when it has one (called once the next allocator is found, before
 * its first allocation). */
LIBALLOCS_HIDDEN void heap_regions_listen(void);

/* The kind of the known region holding p (LIBALLOCS_HEAP_REGION_*), with its first byte and length in bytes; 0 when no region is known to hold
 * p (nothing reported, the table was full when its region came, or writers kept it busy too long). Never blocks. */
LIBALLOCS_HIDDEN int heap_region_of(const void *p, uintptr_t *start, uintptr_t *length);

#endif
