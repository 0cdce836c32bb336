/* tu_registry.c: the process-wide list of instrumented translation units' metadata. */
/*
 * Readers never lock: the head is published with a release store after the new entry's ->next
 * is written, and entries are never removed. Writers (one constructor per instrumented TU, at
 * start-up or dlopen) serialize on a mutex so that registering the same TU twice, even from two
 * threads at once, can neither link it twice nor rewrite ->next of an entry already published
 * (a bare CAS push cannot guarantee the latter).
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include "liballocs_c.h"
#include "heap_index.h"

static struct __liballocs_tu_meta *tu_head;
static pthread_mutex_t tu_lock = PTHREAD_MUTEX_INITIALIZER;

/* Adds tu to the list, newest first; no effect when tu is null or already registered. A TU
 * emitted for another LIBALLOCS_META_VERSION is left alone (its ->next may lie elsewhere, so
 * linking it could write past it): its objects were built by another allocscc. */
LIBALLOCS_EXPORT void __liballocs_register_tu(struct __liballocs_tu_meta *tu)
{
	if (tu == NULL)
		return;
	if (tu->version != LIBALLOCS_META_VERSION)
	{
		fprintf(stderr, "liballocs: %s was instrumented by another version of allocscc (metadata "
			"version %u, expected %u); rebuild it: its types and allocation sites are unknown\n",
			tu->source_file ? tu->source_file : "(unknown file)", tu->version, LIBALLOCS_META_VERSION);
		return;
	}
	pthread_mutex_lock(&tu_lock);
	struct __liballocs_tu_meta *head = tu_head;
	for (struct __liballocs_tu_meta *n = head; n != NULL; n = n->next)
	{
		if (n == tu)
		{
			pthread_mutex_unlock(&tu_lock);
			return;
		}
	}
	tu->next = head;
	__atomic_store_n(&tu_head, tu, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&tu_lock);
	allocsite_registry_grew();
}

LIBALLOCS_EXPORT struct __liballocs_tu_meta *__liballocs_tu_list(void)
{
	return __atomic_load_n(&tu_head, __ATOMIC_ACQUIRE);
}
