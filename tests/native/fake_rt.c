/* fake_rt.c: a stand-in for the C# runtime liballocs_rt.so, so the C layer's dlopen path is tested without .NET. */
/*
 * Answers level 0 from the heap index only: allocator "fake-malloc", the chunk's base and size,
 * and the site's type. __liballocs_rt_uniqtype_by_name searches the registered TUs; the name
 * "__fake_rt_table_ok" answers a marker type when init received a complete table of our version.
 */
#include <string.h>
#include "liballocs_c.h"

static const struct __liballocs_shim_api *api;
static int init_calls;
static const struct allocator fake_malloc = { .name = "fake-malloc" };
static const struct uniqtype table_ok = { .name = "__fake_rt_table_ok" };

LIBALLOCS_EXPORT void __liballocs_rt_init(const struct __liballocs_shim_api *table)
{
	init_calls++;
	if (table && table->version == LIBALLOCS_SHIM_API_VERSION)
		api = table;
}

LIBALLOCS_EXPORT int __liballocs_rt_get_info(const void *obj, unsigned level, struct alloc_info *out)
{
	struct __liballocs_heap_chunk c;
	if (api == NULL || level != 0 || api->heap_lookup(obj, &c) != 0)
		return -1;
	out->allocator = &fake_malloc;
	out->base = c.base;
	out->size = c.size;
	out->type = c.site ? c.site->type : NULL;
	out->site = c.site;
	return 0;
}

LIBALLOCS_EXPORT const struct uniqtype *__liballocs_rt_uniqtype_by_name(const char *name)
{
	if (api == NULL)
		return NULL;
	if (strcmp(name, table_ok.name) == 0)
	{
		struct __liballocs_initial_stack s;
		api->initial_stack(&s);
		int complete = api->heap_lookup && api->heap_walk && api->tu_list && api->stack_top
			&& api->initial_stack && api->heap_set_site && api->heap_mark_facts
			&& api->suballoc_lookup && api->suballoc_walk && api->suballoc_set_site && api->suballoc_mark_facts && api->stack_find && api->heap_lookup_freed && api->suballoc_lookup_freed
			&& s.argv != NULL && init_calls == 1;
		return complete ? &table_ok : NULL;
	}
	for (struct __liballocs_tu_meta *tu = api->tu_list(); tu; tu = tu->next)
		for (unsigned long i = 0; i < tu->ntypes; i++)
			if (strcmp(tu->types[i]->name, name) == 0)
				return tu->types[i];
	return NULL;
}

/* Checks: every check passes; one of static memory (not in any heap chunk: no chunk to mark) gives a fact for its very address,
 * keyed as the inline fast path looks facts up, so the C layer caches it; counters are not kept. */
LIBALLOCS_EXPORT int __liballocs_rt_check(const void *p, const struct __liballocs_castsite *site,
	void *const *frames, unsigned nframes, struct __liballocs_check_fact *fact, struct __liballocs_rt_verdict *verdict)
{
	(void)frames; (void)nframes; (void)verdict;
	struct __liballocs_heap_chunk chunk;
	if (fact != NULL && api != NULL && api->heap_lookup(p, &chunk) != 0)
	{
		fact->lo = (unsigned long)p;
		fact->hi = (unsigned long)p + 1;
		fact->period = 0;
		fact->key = site->target ? (const void *)site->target : (const void *)site;
		fact->kind_and_degree = site->kind | site->degree << 8;
	}
	return LIBALLOCS_CHECK_RESULT_PASSED;
}

LIBALLOCS_EXPORT void __liballocs_rt_report_pending(void *const *frames, unsigned nframes)
{
	(void)frames; (void)nframes;
}

LIBALLOCS_EXPORT void __liballocs_rt_add_cache_hits(unsigned long hits)
{
	(void)hits;
}

LIBALLOCS_EXPORT void __liballocs_rt_at_exit(void)
{
}
