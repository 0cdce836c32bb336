/* Shim for <not-cancel.h>: glibc's non-cancellable system calls are raw syscall macros of its sysdep layer. The
   allocator uses them to read /proc and /sys files while initialising; the public calls do the same (they are
   cancellation points, which only matters to a thread cancelled inside its first malloc). */
#ifndef GLIBC_MALLOC_SHIM_NOT_CANCEL_H
#define GLIBC_MALLOC_SHIM_NOT_CANCEL_H 1
#include <fcntl.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/random.h>
#define __open_nocancel open
#define __open64_nocancel open64
#define __openat_nocancel openat
#define __read_nocancel read
#define __pread64_nocancel pread64
#define __write_nocancel write
#define __close_nocancel close
#define __close_nocancel_nostatus(fd) ((void) close (fd))
#define __writev_nocancel_nostatus(fd, iov, n) ((void) writev ((fd), (iov), (n)))
#define __getrandom_nocancel getrandom
#define __fcntl64_nocancel fcntl
#endif
