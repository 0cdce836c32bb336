/* Shim for <shlib-compat.h>: symbol versioning. The standalone allocator has one version of each symbol, so no
   compatibility symbol is built. */
#ifndef GLIBC_MALLOC_SHIM_SHLIB_COMPAT_H
#define GLIBC_MALLOC_SHIM_SHLIB_COMPAT_H 1
#define SHLIB_COMPAT(lib, introduced, obsoleted) 0
#endif
