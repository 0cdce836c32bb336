/* Shim for <ldsodefs.h>: loader state. The allocator reads only the page size (GLRO (dl_pagesize)), taken from the
   auxiliary vector, which is valid before any constructor runs (the first malloc may come from the loader). */
#ifndef GLIBC_MALLOC_SHIM_LDSODEFS_H
#define GLIBC_MALLOC_SHIM_LDSODEFS_H 1
#include <sys/auxv.h>
#define GLRO(name) _glibc_malloc_##name
#define _glibc_malloc_dl_pagesize ((size_t) getauxval (AT_PAGESZ))
#endif
