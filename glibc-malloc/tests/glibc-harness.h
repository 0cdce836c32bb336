/* glibc-harness.h: what glibc's build gives its test-support library (support/*.c) and tests beyond the sources:
   config.h's default timeout factor, and the installed system's paths, which support/Makefile passes as -D flags
   (the source and object directories come on the command line), and the one macro of glibc's internal sys/cdefs.h
   the tests use (written for glibc 2.39 and later). Force-included by `liballocs glibc-malloc --check`. */
#define TIMEOUTFACTOR 1
#include <limits.h>
#define OBJDIR_ELF_LDSO_PATH "/lib64/ld-linux-x86-64.so.2"
#define INSTDIR_PATH "/usr"
#define LIBDIR_PATH "/usr/lib/x86_64-linux-gnu"
#define BINDIR_PATH "/usr/bin"
#define SBINDIR_PATH "/usr/sbin"
#define SLIBDIR_PATH "/lib/x86_64-linux-gnu"
#define ROOTSBINDIR_PATH "/sbin"
#define COMPLOCALEDIR_PATH "/usr/lib/locale"
#define SYSCONFDIR_PATH "/etc"
#ifndef __attribute_optimization_barrier__
# define __attribute_optimization_barrier__ __attribute__ ((noinline, noclone))
#endif
