/* cached.h: whether the calling thread's check cache holds a fact for an address (reused_passes_cached_until_free.c,
 * reused_passes_in_typings_cached_until_retyped.c). */
#ifndef CORPUS_CACHED_H
#define CORPUS_CACHED_H
#include <liballocs_checks.h>

/* Whether a fact in this thread's check cache answers for p, as the inline fast path would find it. */
static int cached(const void *p)
{
  unsigned long a = (unsigned long)p, g = __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
  for (int i = 0; i < LIBALLOCS_CHECK_CACHE_SIZE; i++)
  {
    const struct __liballocs_check_fact *f = &__liballocs_check_cache[i];
    if (f->key != NULL && f->generation == g && __liballocs_fact_covers(f, a))
      return 1;
  }
  return 0;
}
#endif
