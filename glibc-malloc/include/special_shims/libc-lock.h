/* Shim for <libc-lock.h>: glibc's internal locks are futex words driven by the thread library's internals; here
   they are POSIX mutexes, which never allocate and are async-fork-safe through the atfork handlers of glue.c. */
#ifndef GLIBC_MALLOC_SHIM_LIBC_LOCK_H
#define GLIBC_MALLOC_SHIM_LIBC_LOCK_H 1
#include <pthread.h>
#define __libc_lock_define(CLASS, NAME) CLASS pthread_mutex_t NAME;
#define __libc_lock_define_initialized(CLASS, NAME) CLASS pthread_mutex_t NAME = PTHREAD_MUTEX_INITIALIZER;
#define _LIBC_LOCK_INITIALIZER PTHREAD_MUTEX_INITIALIZER
#define __libc_lock_init(NAME) pthread_mutex_init (&(NAME), NULL)
#define __libc_lock_lock(NAME) pthread_mutex_lock (&(NAME))
#define __libc_lock_trylock(NAME) pthread_mutex_trylock (&(NAME))
#define __libc_lock_unlock(NAME) pthread_mutex_unlock (&(NAME))
#endif
