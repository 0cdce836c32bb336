/* allocs.h: the public liballocs API. Ask any address which allocator issued it, where its
 * allocation starts, how big it is, what type it holds and where it was allocated.
 *
 * Every function answers "unknown" (null, 0, or an error) for an address in no known
 * allocation, including wild pointers (0x1, kernel addresses, unmapped pages); none crashes.
 * A program built against this header links and runs without the runtime if it links
 * libliballocs_dummyweaks, whose weak definitions answer "unknown" to everything.
 */
#ifndef LIBALLOCS_ALLOCS_H
#define LIBALLOCS_ALLOCS_H

#include <stddef.h>
#include <stdlib.h>   /* the liballocs demo calls malloc with only this header included */
#include "uniqtype.h"

#ifdef __cplusplus
extern "C" {
#endif

struct allocator;

/* What an allocator knows about one allocation. */
struct alloc_info
{
	const struct allocator *allocator;  /* the allocator that issued it */
	const void *base;                   /* first byte of the allocation */
	unsigned long size;                 /* bytes (requested size for heap chunks) */
	const struct uniqtype *type;        /* null when the type is unknown */
	const void *site;                   /* where it was allocated, or null when unknown: a
	                                       struct __liballocs_allocsite * for heap chunks, a
	                                       struct __liballocs_local_desc * (name, function,
	                                       line) for stack locals (liballocs_meta.h) */
};

/* The interface every allocator implements (as liballocs' struct allocator). Each function
 * takes the descriptor itself first and answers for the innermost allocation of this allocator
 * containing `obj`; "unknown" is 0/null, get_info returns 0 on success, -1 when unknown. */
struct allocator
{
	const char *name;                   /* e.g. "malloc", "static", "stack", "auxv", "mmap", "brk" */
	int (*get_info)(const struct allocator *self, const void *obj, struct alloc_info *out);
	const void *(*get_base)(const struct allocator *self, const void *obj);
	unsigned long (*get_size)(const struct allocator *self, const void *obj);
	const struct uniqtype *(*get_type)(const struct allocator *self, const void *obj);
	const void *(*get_site)(const struct allocator *self, const void *obj);
	/* Calls cb for each live allocation of this allocator inside [begin, end), in address
	 * order, until cb returns non-zero; returns that value, 0 when all were visited, or -1 when
	 * the allocator cannot enumerate. */
	int (*walk_allocations)(const struct allocator *self, const void *begin, const void *end,
		int (*cb)(const struct alloc_info *info, void *arg), void *arg);
	const struct allocator *parent;     /* allocator of the memory this one carves up, or null */
	unsigned long id;                   /* runtime-private */
};

/* Innermost allocator of obj; null when obj is in no known allocation. */
const struct allocator *alloc_get_allocator(const void *obj);
/* Size in bytes of the innermost allocation containing obj; 0 when unknown. */
unsigned long alloc_get_size(const void *obj);
/* Type of the innermost allocation containing obj; null when unknown. */
const struct uniqtype *alloc_get_type(const void *obj);
/* First byte of the innermost allocation containing obj; null when unknown. */
const void *alloc_get_base(const void *obj);
/* Allocation site of the innermost allocation containing obj; null when unknown. */
const void *alloc_get_site(const void *obj);
/* The allocation at `level` above the innermost one containing obj (level 0 is the innermost;
 * e.g. a heap chunk's level 1 is the brk or mmap region holding it). Returns 0 and fills *out,
 * or -1 when there is no such level. */
int alloc_get_info_at_level(const void *obj, unsigned level, struct alloc_info *out);

/* A uniqtype's name ("int$32"); "(unknown type)" for null. */
const char *__liballocs_uniqtype_name(const struct uniqtype *u);
#define UNIQTYPE_NAME(u) __liballocs_uniqtype_name(u)
/* The uniqtype with this liballocs name, or null when the process has none by that name. */
const struct uniqtype *__liballocs_uniqtype_by_name(const char *name);

struct liballocs_err { const char *message; };
/* All of the above at once, as liballocs spells it. Returns null on success, or an error
 * describing why obj is unknown; any out pointer may be null. */
const struct liballocs_err *__liballocs_get_alloc_info(const void *obj,
	const struct allocator **out_allocator, const void **out_alloc_start,
	unsigned long *out_alloc_size_bytes, const struct uniqtype **out_alloc_uniqtype,
	const void **out_alloc_site);

#ifdef __cplusplus
}
#endif
#endif
