/* Shim for <sysdep-cancel.h>: the allocator needs only SINGLE_THREAD_P, which glibc reads from the thread control
   block; the public __libc_single_threaded says the same (it turns false before a second thread exists). */
#ifndef GLIBC_MALLOC_SHIM_SYSDEP_CANCEL_H
#define GLIBC_MALLOC_SHIM_SYSDEP_CANCEL_H 1
#include <sys/single_threaded.h>
#define SINGLE_THREAD_P (__libc_single_threaded != 0)
#endif
