/* Shim for <sysdep.h>: glibc's system-call layer is per-architecture assembly tied to its thread and errno
   internals. Here a system call goes through syscall(2), each argument widened to a register's width.
   INTERNAL_SYSCALL_CALL returns the kernel's answer (-errno on failure) and leaves errno alone; INLINE_SYSCALL_CALL
   sets errno and returns -1 on failure, as a libc call does. Up to six arguments. */
#ifndef GLIBC_MALLOC_SHIM_SYSDEP_H
#define GLIBC_MALLOC_SHIM_SYSDEP_H 1
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline long
__glibc_malloc_internal_syscall (long number, long a1, long a2, long a3, long a4, long a5, long a6)
{
  int saved = errno;
  long r = syscall (number, a1, a2, a3, a4, a5, a6);
  if (r == -1)
    r = -errno;
  errno = saved;
  return r;
}

#define __GLIBC_MALLOC_NARGS(...) __GLIBC_MALLOC_NARGS_ (__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __GLIBC_MALLOC_NARGS_(a1, a2, a3, a4, a5, a6, n, ...) n
#define __GLIBC_MALLOC_CAT(a, b) __GLIBC_MALLOC_CAT_ (a, b)
#define __GLIBC_MALLOC_CAT_(a, b) a##b
#define __GLIBC_MALLOC_ARGS1(a) (long) (a), 0, 0, 0, 0, 0
#define __GLIBC_MALLOC_ARGS2(a, b) (long) (a), (long) (b), 0, 0, 0, 0
#define __GLIBC_MALLOC_ARGS3(a, b, c) (long) (a), (long) (b), (long) (c), 0, 0, 0
#define __GLIBC_MALLOC_ARGS4(a, b, c, d) (long) (a), (long) (b), (long) (c), (long) (d), 0, 0
#define __GLIBC_MALLOC_ARGS5(a, b, c, d, e) (long) (a), (long) (b), (long) (c), (long) (d), (long) (e), 0
#define __GLIBC_MALLOC_ARGS6(a, b, c, d, e, f) (long) (a), (long) (b), (long) (c), (long) (d), (long) (e), (long) (f)

#define INTERNAL_SYSCALL_CALL(name, ...)						\
  __glibc_malloc_internal_syscall (__NR_##name,						\
    __GLIBC_MALLOC_CAT (__GLIBC_MALLOC_ARGS, __GLIBC_MALLOC_NARGS (__VA_ARGS__)) (__VA_ARGS__))
/* A 64-bit argument takes one register on an LP64 target (glibc splits it in two on 32-bit ones). */
#if __SIZEOF_LONG__ != 8
# error "special_shims/sysdep.h is written for LP64 targets"
#endif
#define __ALIGNMENT_ARG
#define SYSCALL_LL(val) (val)
#define SYSCALL_LL64(val) (val)
#define SYSCALL_LL_PRW(val) (val)
#define SYSCALL_LL64_PRW(val) (val)

#define INTERNAL_SYSCALL_ERROR_P(val) ((unsigned long) (val) > -4096UL)
#define INTERNAL_SYSCALL_ERRNO(val) (-(val))
#define INLINE_SYSCALL_CALL(...)								\
  ({												\
    long __r = INTERNAL_SYSCALL_CALL (__VA_ARGS__);						\
    INTERNAL_SYSCALL_ERROR_P (__r) ? (errno = (int) -__r, -1L) : __r;			\
  })

#endif
