/* glue.c: what glibc's allocator expects from the rest of glibc, supplied by hand: its morecore and mmap calls
   (through the replaceable morecore and the region hook), its fatal-error path, and the fork and thread-exit calls
   glibc's own fork and thread exit would make. Compiled with the same compat header and stubs as upstream. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <elf/dl-tunables.h>
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

static void
write_message (const char *fmt, va_list ap)
{
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
}

/* A failed assertion inside the allocator: the message, then abort, without allocating. Inside libc glibc sends failed
   assertions to such a handler (include/assert.h: __libc_assert_fail); the public __assert_fail formats its message
   with malloc, which an assertion failing with an arena lock held must not call. This definition is local to the
   library (exports.map): upstream's assert calls bind to it, the program's to libc's. (glibc 2.36's malloc.c sends
   its own to __malloc_assert, which is as good.) */
void
__assert_fail (const char *assertion, const char *file, unsigned int line, const char *function)
{
  char digits[16];
  int n = sizeof digits;
  do
    digits[--n] = (char) ('0' + line % 10);
  while ((line /= 10) != 0 && n > 0);
  write_all ("Fatal glibc error: ", 19);
  write_all (file, strlen (file));
  write_all (":", 1);
  write_all (digits + n, sizeof digits - (size_t) n);
  write_all (" (", 2);
  write_all (function, strlen (function));
  write_all ("): assertion failed: ", 21);
  write_all (assertion, strlen (assertion));
  write_all ("\n", 1);
  abort ();
}

#ifdef __libc_message
/* glibc 2.39 and later: __libc_message is a macro over __libc_message_impl, which always aborts. */
void
__libc_message_impl (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  write_message (fmt, ap);
  va_end (ap);
  abort ();
}

void
__libc_fatal (const char *message)
{
  __libc_message_impl ("%s", message);
}
#else
/* Earlier: the caller says whether to abort. */
void
__libc_message (enum __libc_message_action action, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  write_message (fmt, ap);
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
#endif

/* Tunables (special_shims/elf/dl-tunables.h): GLIBC_TUNABLES ("glibc.malloc.arena_max=2:glibc.malloc.perturb=165")
   wins over the environment aliases glibc documents for the malloc tunables. Numbers are read as strtoull does with
   base 0, as the loader reads them. In secure mode (setuid) none is read: the loader erases them there. */
static const struct
{
  const char *alias;
  const char *name;
} tunable_aliases[] = {
  { "MALLOC_CHECK_", "glibc.malloc.check" },
  { "MALLOC_TOP_PAD_", "glibc.malloc.top_pad" },
  { "MALLOC_PERTURB_", "glibc.malloc.perturb" },
  { "MALLOC_MMAP_THRESHOLD_", "glibc.malloc.mmap_threshold" },
  { "MALLOC_TRIM_THRESHOLD_", "glibc.malloc.trim_threshold" },
  { "MALLOC_MMAP_MAX_", "glibc.malloc.mmap_max" },
  { "MALLOC_ARENA_MAX", "glibc.malloc.arena_max" },
  { "MALLOC_ARENA_TEST", "glibc.malloc.arena_test" },
};

static bool
read_number (const char *text, size_t length, tunable_num_t *value)
{
  char digits[32];
  if (length == 0 || length >= sizeof digits)
    return false;
  memcpy (digits, text, length);
  digits[length] = '\0';
  /* strtoull takes "-1" as its largest value; the loader rejects a negative number for the malloc tunables, which are
     all sizes and counts. errno is the program's: its first malloc must not change it. */
  if (digits[0] == '-')
    return false;
  char *end;
  int saved_errno = errno;
  errno = 0;
  unsigned long long n = strtoull (digits, &end, 0);
  bool ok = *end == '\0' && errno == 0;
  errno = saved_errno;
  if (ok)
    *value = (tunable_num_t) n;
  return ok;
}

bool
__glibc_malloc_tunable (const char *name, tunable_num_t *value)
{
  if (__libc_enable_secure)
    return false;
  size_t name_length = strlen (name);
  const char *list = getenv ("GLIBC_TUNABLES");
  bool found = false;
  /* The last setting in the list wins, as in the loader. */
  for (const char *p = list; p != NULL && *p != '\0';)
    {
      const char *end = strchr (p, ':');
      size_t length = end != NULL ? (size_t) (end - p) : strlen (p);
      if (length > name_length && memcmp (p, name, name_length) == 0 && p[name_length] == '=')
	found |= read_number (p + name_length + 1, length - name_length - 1, value);
      p = end != NULL ? end + 1 : NULL;
    }
  if (found)
    return true;
  for (size_t i = 0; i < sizeof tunable_aliases / sizeof tunable_aliases[0]; i++)
    {
      if (strcmp (tunable_aliases[i].name, name) != 0)
	continue;
      const char *text = getenv (tunable_aliases[i].alias);
      return text != NULL && read_number (text, strlen (text), value);
    }
  return false;
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

/* glibc's fork takes every arena lock around the fork when the process has threads (a single-threaded fork, say
   from a signal handler that interrupted malloc, must not wait for itself), after the atfork handlers and after
   stdio's list lock; the child reinitialises the locks. A preloaded allocator is not told, so it asks pthread_atfork:
   registered first, its prepare handler runs after those registered later, and it takes stdio's list lock (which is
   recursive: glibc's fork takes it again) before the arena locks, keeping glibc's lock order. Thread exit likewise:
   glibc frees the thread's tcache and detaches its arena; here a thread-specific key's destructor does it for each
   thread that allocated. */
extern void __malloc_fork_lock_parent (void) attribute_hidden;
extern void __malloc_fork_unlock_parent (void) attribute_hidden;
extern void __malloc_fork_unlock_child (void) attribute_hidden;
extern void __malloc_arena_thread_freeres (void) attribute_hidden;
extern void _IO_list_lock (void);
extern void _IO_list_unlock (void);
extern void _IO_list_resetlock (void);

static bool fork_locked;	/* by the forking thread, between prepare and parent/child */

static void
fork_prepare (void)
{
  fork_locked = !__libc_single_threaded;
  if (!fork_locked)
    return;
  _IO_list_lock ();
  __malloc_fork_lock_parent ();
}

static void
fork_parent (void)
{
  if (!fork_locked)
    return;
  __malloc_fork_unlock_parent ();
  _IO_list_unlock ();
}

static void
fork_child (void)
{
  if (!fork_locked)
    return;
  __malloc_fork_unlock_child ();	/* reinitialises the locks and makes the other threads' arenas free */
  _IO_list_resetlock ();
}

static pthread_key_t thread_exit_key;
static int thread_exit_key_made;

/* glibc frees the thread's cache after every thread-specific destructor has run, since they may allocate and free.
   POSIX runs the destructors in passes while values remain set, up to PTHREAD_DESTRUCTOR_ITERATIONS: this one sets
   its value again until the last pass, and frees then. */
static void
thread_exit (void *pass)
{
  uintptr_t n = (uintptr_t) pass;
  if (n < PTHREAD_DESTRUCTOR_ITERATIONS && pthread_setspecific (thread_exit_key, (void *) (n + 1)) == 0)
    return;
  __malloc_arena_thread_freeres ();
}

__attribute__ ((constructor (101))) static void
glue_init (void)
{
  pthread_atfork (fork_prepare, fork_parent, fork_child);
  thread_exit_key_made = pthread_key_create (&thread_exit_key, thread_exit) == 0;
}

/* The slow path of glibc_malloc_note_thread (trace.h): the calling thread's first call. */
__thread int __glibc_malloc_thread_noted attribute_hidden attribute_tls_model_ie;

void
__glibc_malloc_note_thread_first (void)
{
  __glibc_malloc_thread_noted = 1;
  if (thread_exit_key_made)
    pthread_setspecific (thread_exit_key, (void *) 1);
}
