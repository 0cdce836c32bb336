/* dummyweaks.c: weak "unknown" definitions of the whole liballocs API, for programs running without the runtime. */
/*
 * A program built against allocs.h / liballocs_meta.h (e.g. by allocscc) links and runs with
 * these alone: every query answers "unknown", registration and stack records do nothing.
 *
 * Use the shared library when the runtime may be preloaded later (LD_PRELOAD=libliballocs.so
 * then comes first in symbol lookup). Use the archive only for builds that never get the runtime:
 * definitions linked into the executable, even weak ones, take precedence over every shared
 * library, so they would hide libliballocs.so.
 */
#include <stddef.h>
#include "liballocs_c.h"

#define DUMMY LIBALLOCS_EXPORT __attribute__((weak))

DUMMY const struct allocator *alloc_get_allocator(const void *obj)
{
	(void)obj;
	return NULL;
}

DUMMY unsigned long alloc_get_size(const void *obj)
{
	(void)obj;
	return 0;
}

DUMMY const struct uniqtype *alloc_get_type(const void *obj)
{
	(void)obj;
	return NULL;
}

DUMMY const void *alloc_get_base(const void *obj)
{
	(void)obj;
	return NULL;
}

DUMMY const void *alloc_get_site(const void *obj)
{
	(void)obj;
	return NULL;
}

DUMMY int alloc_get_info_at_level(const void *obj, unsigned level, struct alloc_info *out)
{
	(void)obj;
	(void)level;
	(void)out;
	return -1;
}

DUMMY const char *__liballocs_uniqtype_name(const struct uniqtype *u)
{
	/* Naming a uniqtype the program already holds needs no runtime. */
	return u && u->name ? u->name : "(unknown type)";
}

DUMMY const struct uniqtype *__liballocs_uniqtype_by_name(const char *name)
{
	(void)name;
	return NULL;
}

static const struct liballocs_err dummy_err = { "liballocs runtime not present (dummy weak definitions)" };

DUMMY const struct liballocs_err *__liballocs_get_alloc_info(const void *obj,
	const struct allocator **out_allocator, const void **out_alloc_start,
	unsigned long *out_alloc_size_bytes, const struct uniqtype **out_alloc_uniqtype,
	const void **out_alloc_site)
{
	(void)obj;
	if (out_allocator)
		*out_allocator = NULL;
	if (out_alloc_start)
		*out_alloc_start = NULL;
	if (out_alloc_size_bytes)
		*out_alloc_size_bytes = 0;
	if (out_alloc_uniqtype)
		*out_alloc_uniqtype = NULL;
	if (out_alloc_site)
		*out_alloc_site = NULL;
	return &dummy_err;
}

DUMMY void __liballocs_register_tu(struct __liballocs_tu_meta *tu)
{
	(void)tu;
}

DUMMY void *__liballocs_heap_set_site(void *p, const struct __liballocs_allocsite *site)
{
	(void)site;
	return p;
}

DUMMY void *__liballocs_malloc_at(size_t size, const struct __liballocs_allocsite *site, void *(*called)(size_t))
{
	(void)site;
	return called(size);
}

DUMMY void *__liballocs_calloc_at(size_t nmemb, size_t size, const struct __liballocs_allocsite *site, void *(*called)(size_t, size_t))
{
	(void)site;
	return called(nmemb, size);
}

DUMMY void *__liballocs_realloc_at(void *p, size_t size, const struct __liballocs_allocsite *site, void *(*called)(void *, size_t))
{
	(void)site;
	return called(p, size);
}

DUMMY void *__liballocs_suballoc_alloc(void *p, unsigned long size, const void *arena,
	const struct __liballocs_allocsite *site)
{
	(void)size;
	(void)arena;
	(void)site;
	return p;
}

DUMMY void *__liballocs_suballoc_free(void *p)
{
	return p;
}

DUMMY void *__liballocs_suballoc_release(void *arena)
{
	return arena;
}

DUMMY struct __liballocs_stack_record *__liballocs_stack_push(struct __liballocs_stack_record *rec)
{
	(void)rec;
	return NULL;
}

DUMMY void __liballocs_stack_pop(struct __liballocs_stack_record *rec)
{
	(void)rec;
}

/* 0: the hooks leave the stack list alone (liballocs_meta.h). Defined, so that a program linked with these stubs and run with
 * the runtime preloaded binds this and the runtime's entry points to the same object. */
DUMMY long __liballocs_stack_list_offset;

DUMMY struct __liballocs_stack_record *__liballocs_stack_push_frame(struct __liballocs_stack_record *frame, unsigned long n)
{
	(void)n;
	return frame;
}

DUMMY void __liballocs_stack_pop_frame(void *frame)
{
	(void)frame;
}

DUMMY struct __liballocs_stack_record *__liballocs_stack_activate(struct __liballocs_stack_record *rec, void *addr,
	unsigned long size, const struct __liballocs_local_desc *desc, unsigned long flags)
{
	(void)addr; (void)size; (void)desc; (void)flags;
	return rec;
}

DUMMY void __liballocs_stack_scope_end(struct __liballocs_stack_record **rec)
{
	(void)rec;
}

/* Cast checks: the inline fast path's cache stays empty, so every check lands here and passes. */
DUMMY __thread struct __liballocs_check_fact __liballocs_check_cache[LIBALLOCS_CHECK_CACHE_SIZE];
DUMMY __thread unsigned long __liballocs_check_cache_hits;
DUMMY unsigned long __liballocs_free_generation;

DUMMY void *__liballocs_check_slow(const volatile void *p, const struct __liballocs_castsite *site)
{
	(void)site;
	return (void *)(unsigned long)p;
}

DUMMY void *__liballocs_check_slow_at_line(const volatile void *p, const struct __liballocs_castsite *site,
	unsigned line)
{
	(void)site;
	(void)line;
	return (void *)(unsigned long)p;
}
