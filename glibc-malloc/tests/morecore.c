/* A program linked with libglibc_malloc.so installs a morecore over a static arena before its first allocation and
   sees every small allocation come from the arena, the heap's growth and shrinking told to the region hook, and large
   allocations mapped apart. Prints one PASS or FAIL line per property; exits 1 on any failure. */
#include <glibc_malloc.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BYTES (64u << 20)
static char arena[ARENA_BYTES] __attribute__ ((aligned (4096)));
static size_t arena_end;	/* bytes of the arena handed out */
static int morecore_calls;

/* sbrk's contract: returns the old end (also for a shrink and for 0), or NULL when the space is exhausted. */
static void *
static_morecore (ptrdiff_t increment)
{
  morecore_calls++;
  if (increment > 0 && arena_end + (size_t) increment > ARENA_BYTES)
    return NULL;
  if (increment < 0 && (size_t) -increment > arena_end)
    return NULL;
  void *old_end = arena + arena_end;
  arena_end += increment;
  return old_end;
}

static size_t grown, shrunk, mapped, unmapped;
static void *last_mapped;
static size_t last_mapped_length;

static void
region_hook (enum glibc_malloc_region_event event, void *start, size_t length)
{
  switch (event)
    {
    case GLIBC_MALLOC_MORECORE_GREW: grown += length; break;
    case GLIBC_MALLOC_MORECORE_SHRANK: shrunk += length; break;
    case GLIBC_MALLOC_MAPPED: mapped += length; last_mapped = start; last_mapped_length = length; break;
    case GLIBC_MALLOC_UNMAPPED: unmapped += length; break;
    default: break;
    }
}

static size_t traced_mallocs, traced_frees;

static void
trace_hook (enum glibc_malloc_call call, void *pointer, size_t size, void *result)
{
  (void) pointer; (void) size; (void) result;
  if (call == GLIBC_MALLOC_CALL_MALLOC)
    traced_mallocs++;
  else if (call == GLIBC_MALLOC_CALL_FREE)
    traced_frees++;
}

__attribute__ ((constructor (101))) static void
install (void)
{
  glibc_malloc_set_morecore (static_morecore);
  glibc_malloc_set_region_hook (region_hook);
}

static int failures;

static void
expect (int ok, const char *what)
{
  printf ("%s: %s\n", ok ? "PASS" : "FAIL", what);
  failures += !ok;
}

static int
in_arena (const void *p)
{
  return (const char *) p >= arena && (const char *) p < arena + arena_end;
}

static void *
thread_allocates (void *unused)
{
  (void) unused;
  return malloc (1000);
}

int
main (void)
{
  enum { N = 20000 };
  static void *blocks[N];
  int all_in_arena = 1;
  for (int i = 0; i < N; i++)
    {
      blocks[i] = malloc (16 + (size_t) (i * 37) % 4000);
      memset (blocks[i], i, 16);
      all_in_arena &= in_arena (blocks[i]);
    }
  expect (morecore_calls > 0, "the allocator asked the installed morecore for its heap");
  expect (all_in_arena, "every small allocation lies in the static arena");
  expect (grown == arena_end, "the region hook saw every byte the morecore gave");

  for (int i = 0; i < N; i += 2)
    free (blocks[i]);
  for (int i = 1; i < N; i += 2)
    {
      blocks[i] = realloc (blocks[i], 5000);
      all_in_arena &= in_arena (blocks[i]);
    }
  expect (all_in_arena, "reallocated small blocks stay in the static arena");

  void *big = malloc (4u << 20);
  expect (big != NULL && !in_arena (big), "a large allocation is mapped apart from the arena");
  expect (last_mapped != NULL && (char *) big >= (char *) last_mapped
	  && (char *) big < (char *) last_mapped + last_mapped_length,
	  "the region hook saw the large allocation's mapping");
  free (big);
  expect (unmapped >= 4u << 20, "the region hook saw the large allocation unmapped");

  for (int i = 1; i < N; i += 2)
    free (blocks[i]);
  size_t peak = grown;
  malloc_trim (0);
  expect (shrunk > 0 && arena_end < peak && grown - shrunk == arena_end,
	  "freeing everything gave the heap's top back through the morecore, and the hook saw every byte");

  pthread_t thread;
  void *from_thread = NULL;
  size_t mapped_before = mapped;
  pthread_create (&thread, NULL, thread_allocates, NULL);
  pthread_join (thread, &from_thread);
  expect (from_thread != NULL && !in_arena (from_thread) && mapped > mapped_before,
	  "another thread's arena is a mapping the region hook saw");
  free (from_thread);

  glibc_malloc_set_trace_hook (trace_hook);
  void *volatile p = malloc (10);	/* volatile: gcc drops a malloc whose result is only freed */
  free (p);
  glibc_malloc_set_trace_hook (NULL);
  expect (traced_mallocs == 1 && traced_frees == 1, "the trace hook saw one malloc and one free");

  expect (glibc_malloc_set_morecore (NULL) == static_morecore, "setting a morecore returns the previous one");
  return failures != 0;
}
