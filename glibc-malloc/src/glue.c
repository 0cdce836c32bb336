/* glue.c: what glibc's allocator expects from the rest of glibc, supplied by hand: its morecore and mmap calls
   (through the replaceable morecore and the region hook), its fatal-error path, and the fork and thread-exit calls
   glibc's own fork and thread exit would make. Compiled with the same compat header and stubs as upstream. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glibc_malloc.h>
#include <trace.h>

static glibc_malloc_morecore_fn morecore_fn;
static glibc_malloc_region_hook region_hook;
glibc_malloc_trace_hook __glibc_malloc_trace_hook attribute_hidden;
__thread int __glibc_malloc_in_trace attribute_hidden attribute_tls_model_ie;

glibc_malloc_morecore_fn __attribute__ ((visibility ("default")))
glibc_malloc_set_morecore (glibc_malloc_morecore_fn morecore)
{
  return __atomic_exchange_n (&morecore_fn, morecore, __ATOMIC_ACQ_REL);
}

glibc_malloc_region_hook __attribute__ ((visibility ("default")))
glibc_malloc_set_region_hook (glibc_malloc_region_hook hook)
{
  return __atomic_exchange_n (&region_hook, hook, __ATOMIC_ACQ_REL);
}

glibc_malloc_trace_hook __attribute__ ((visibility ("default")))
glibc_malloc_set_trace_hook (glibc_malloc_trace_hook hook)
{
  return __atomic_exchange_n (&__glibc_malloc_trace_hook, hook, __ATOMIC_ACQ_REL);
}

static void
tell_region (enum glibc_malloc_region_event event, void *start, size_t length)
{
  glibc_malloc_region_hook hook = __atomic_load_n (&region_hook, __ATOMIC_ACQUIRE);
  if (hook != NULL && length != 0)
    hook (event, start, length);
}

/* MORECORE: the installed morecore, or sbrk. Called with the main arena's lock held. */
void *
__glibc_malloc_call_morecore (ptrdiff_t increment)
{
  glibc_malloc_morecore_fn fn = __atomic_load_n (&morecore_fn, __ATOMIC_ACQUIRE);
  void *result;
  if (fn != NULL)
    result = fn (increment);
  else
    {
      result = sbrk (increment);
      if (result == (void *) -1)
	result = NULL;
    }
  if (result != NULL && increment > 0)
    tell_region (GLIBC_MALLOC_MORECORE_GREW, result, (size_t) increment);
  else if (result != NULL && increment < 0)
    tell_region (GLIBC_MALLOC_MORECORE_SHRANK, (char *) result + increment, (size_t) -increment);
  return result;
}

void *
__glibc_malloc_mmap (void *addr, size_t len, int prot, int flags, int fd, long offset)
{
  void *p = mmap (addr, len, prot, flags, fd, offset);
  if (p != MAP_FAILED)
    tell_region (GLIBC_MALLOC_MAPPED, p, len);
  return p;
}

int
__glibc_malloc_munmap (void *addr, size_t len)
{
  int r = munmap (addr, len);
  if (r == 0)
    tell_region (GLIBC_MALLOC_UNMAPPED, addr, len);
  return r;
}

void *
__glibc_malloc_mremap (void *old, size_t old_len, size_t new_len, int flags, ...)
{
  void *new_address = NULL;
  if (flags & MREMAP_FIXED)
    {
      va_list ap;
      va_start (ap, flags);
      new_address = va_arg (ap, void *);
      va_end (ap);
    }
  void *p = mremap (old, old_len, new_len, flags, new_address);
  if (p != MAP_FAILED)
    {
      tell_region (GLIBC_MALLOC_REMAPPED_FROM, old, old_len);
      tell_region (GLIBC_MALLOC_REMAPPED_TO, p, new_len);
    }
  return p;
}

/* glibc's fatal-error path: the message on stderr, then abort. Written without stdio, which may allocate, for the
   heap is corrupt when this runs. Only %s conversions occur in the allocator's messages. */
static void
write_all (const char *s, size_t n)
{
  while (n > 0)
    {
      ssize_t w = write (STDERR_FILENO, s, n);
      if (w < 0 && errno == EINTR)
	continue;
      if (w <= 0)
	return;
      s += w;
      n -= (size_t) w;
    }
}

void
__libc_message (enum __libc_message_action action, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  for (const char *p = fmt; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 's')
	{
	  const char *s = va_arg (ap, const char *);
	  write_all (s, strlen (s));
	  p++;
	}
      else
	write_all (p, 1);
    }
  va_end (ap);
  if (action & do_abort)
    abort ();
}

void
__libc_fatal (const char *message)
{
  __libc_message (do_abort, "%s", message);
  abort ();
}

/* The number of CPUs this thread may run on, which bounds the number of arenas (glibc's __get_nprocs_sched is
   private to libc). */
int
__get_nprocs_sched (void)
{
  cpu_set_t set;
  if (sched_getaffinity (0, sizeof set, &set) == 0)
    {
      int n = CPU_COUNT (&set);
      if (n > 0)
	return n;
    }
  return 2;
}

/* glibc's fork takes every arena lock around the fork; a preloaded allocator is not told, so it asks pthread_atfork.
   Thread exit likewise: glibc frees the thread's tcache and detaches its arena; here a thread-specific key's
   destructor does it for each thread that allocated. */
extern void __malloc_fork_lock_parent (void) attribute_hidden;
extern void __malloc_fork_unlock_parent (void) attribute_hidden;
extern void __malloc_fork_unlock_child (void) attribute_hidden;
extern void __malloc_arena_thread_freeres (void) attribute_hidden;

static pthread_key_t thread_exit_key;
static int thread_exit_key_made;
static __thread int thread_exit_registered attribute_tls_model_ie;

static void
thread_exit (void *unused)
{
  (void) unused;
  __malloc_arena_thread_freeres ();
}

__attribute__ ((constructor (101))) static void
glue_init (void)
{
  pthread_atfork (__malloc_fork_lock_parent, __malloc_fork_unlock_parent, __malloc_fork_unlock_child);
  thread_exit_key_made = pthread_key_create (&thread_exit_key, thread_exit) == 0;
}

/* Called by the exported wrappers on each allocation: registers the calling thread's exit once. */
void
__glibc_malloc_note_thread (void)
{
  if (__builtin_expect (thread_exit_registered, 1) || !thread_exit_key_made)
    return;
  thread_exit_registered = 1;
  pthread_setspecific (thread_exit_key, (void *) 1);
}
