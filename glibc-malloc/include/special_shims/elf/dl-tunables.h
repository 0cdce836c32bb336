/* Shim for <elf/dl-tunables.h>: tunables are the loader's (it parses GLIBC_TUNABLES at start-up into a table
   generated while building glibc). Here each malloc tunable is looked up by name when the allocator asks for it,
   from GLIBC_TUNABLES and from the tunables' documented environment aliases (MALLOC_ARENA_MAX...), by src/glue.c.
   Same contract as upstream for the allocator's uses: the callback runs only for a tunable that was set; an unset
   tunable reads as 0 (upstream gives its default, which no allocator use reads). */
#ifndef GLIBC_MALLOC_SHIM_DL_TUNABLES_H
#define GLIBC_MALLOC_SHIM_DL_TUNABLES_H 1
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef intmax_t tunable_num_t;
typedef union
{
  tunable_num_t numval;
  const char *strval;
} tunable_val_t;
typedef void (*tunable_callback_t) (tunable_val_t *);

/* True, with the value in *VALUE, when the tunable NAME ("glibc.malloc.arena_max") was set. */
extern bool __glibc_malloc_tunable (const char *name, tunable_num_t *value) attribute_hidden;

#ifndef TOP_NAMESPACE
# define TOP_NAMESPACE glibc
#endif
#define TUNABLE_NAME_S(top, ns, id) #top "." #ns "." #id
#define TUNABLE_CALLBACK(name) _dl_tunable_##name

#define TUNABLE_GET_FULL(top, ns, id, type, cb)					\
  ({										\
    tunable_val_t __tunable = { .numval = 0 };					\
    tunable_callback_t __callback = (cb);					\
    if (__glibc_malloc_tunable (TUNABLE_NAME_S (top, ns, id), &__tunable.numval)	\
	&& __callback != NULL)							\
      __callback (&__tunable);							\
    (type) __tunable.numval;							\
  })
#define TUNABLE_IS_INITIALIZED_FULL(top, ns, id)				\
  __glibc_malloc_tunable (TUNABLE_NAME_S (top, ns, id), &(tunable_num_t) { 0 })

#if defined TUNABLE_NAMESPACE
# define TUNABLE_GET(id, type, cb) TUNABLE_GET_FULL (TOP_NAMESPACE, TUNABLE_NAMESPACE, id, type, cb)
# define TUNABLE_IS_INITIALIZED(id) TUNABLE_IS_INITIALIZED_FULL (TOP_NAMESPACE, TUNABLE_NAMESPACE, id)
#else
# define TUNABLE_GET(top, ns, id, type, cb) TUNABLE_GET_FULL (top, ns, id, type, cb)
# define TUNABLE_IS_INITIALIZED(top, ns, id) TUNABLE_IS_INITIALIZED_FULL (top, ns, id)
#endif

#endif
