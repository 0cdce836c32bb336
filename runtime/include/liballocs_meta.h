/* liballocs_meta.h: the metadata allocscc emits into each instrumented translation unit,
 * and the entry points of the runtime's C layer that instrumented code calls.
 *
 * This header is force-included at the top of every instrumented file, before the user's
 * own #includes, so it must include no system header (that would fix feature-test macros
 * such as _GNU_SOURCE before the user's source defines them) and use only builtin types.
 */
#ifndef LIBALLOCS_META_H
#define LIBALLOCS_META_H

#include "uniqtype.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIBALLOCS_META_VERSION 1u

/* An allocation site: one call to an allocator in instrumented source. */
#define LIBALLOCS_ALLOCSITE_F_ARRAY 0x1u   /* the site allocates an array of `type` (n * sizeof) */
struct __liballocs_allocsite
{
	const char *file;                 /* source file as given on the command line */
	unsigned line, column;            /* 1-based, of the call */
	const char *function;             /* enclosing function, or null at file scope */
	const char *allocator;            /* the called function's name, e.g. "malloc" */
	const struct uniqtype *type;      /* element type inferred from sizeof, null when unknown */
	unsigned flags;                   /* LIBALLOCS_ALLOCSITE_F_* */
};

/* A function or file-scope/static variable defined in an instrumented TU. */
struct __liballocs_static_desc
{
	const void *addr;                 /* the object or function */
	const char *name;
	const struct uniqtype *type;
	unsigned long size;               /* sizeof the object; 0 for functions and incomplete types
	                                     (the runtime then uses the ELF symbol size) */
};

/* A local variable or parameter whose address the program can hold. */
struct __liballocs_local_desc
{
	const char *name;
	const struct uniqtype *type;      /* for a VLA: the element type's array of unknown length */
	const char *function;
	const char *file;
	unsigned line, column;            /* of the declaration */
	unsigned is_parameter;
};

/* One live local: a record on the stack beside the variable, linked into a per-thread list
 * while the variable is in scope (pushed at its declaration, popped by a cleanup attribute at
 * scope exit). Records left behind by longjmp are recognised as dead because they lie below
 * the stack pointer of a newer record and are discarded when the next one is pushed. */
struct __liballocs_stack_record
{
	struct __liballocs_stack_record *prev;  /* older record of the same thread */
	void *addr;                             /* the variable */
	unsigned long size;                     /* bytes (runtime value for VLAs) */
	const struct __liballocs_local_desc *desc;
};

/* Everything one instrumented TU contributes; registered by a constructor in that TU. */
struct __liballocs_tu_meta
{
	unsigned version;                 /* LIBALLOCS_META_VERSION */
	const char *source_file;
	unsigned long nstatics;
	const struct __liballocs_static_desc *statics;
	unsigned long nsites;
	const struct __liballocs_allocsite *sites;
	unsigned long ntypes;
	const struct uniqtype *const *types;   /* every uniqtype this TU emitted (may have lost
	                                          the weak-symbol race: compare addresses) */
	struct __liballocs_tu_meta *next;      /* owned by the runtime */
};

/* Runtime C layer (libliballocs.so); weak stubs in libliballocs_dummyweaks. */

/* Adds a TU's metadata to the process-wide list. Safe before main and from any thread. */
void __liballocs_register_tu(struct __liballocs_tu_meta *tu);

/* Records that the heap chunk starting at `p` was allocated at `site`; returns `p`.
 * No effect when p is null or not the base of a live heap chunk. */
void *__liballocs_heap_set_site(void *p, const struct __liballocs_allocsite *site);

/* Pushes `rec` as the newest live local of this thread; returns the previous newest,
 * to be stored in rec->prev (allocscc calls it inside the record's initializer). */
struct __liballocs_stack_record *__liballocs_stack_push(struct __liballocs_stack_record *rec);

/* Cleanup attribute handler: pops `rec` (and anything newer left by longjmp). */
void __liballocs_stack_pop(struct __liballocs_stack_record *rec);

#ifdef __cplusplus
}
#endif
#endif
