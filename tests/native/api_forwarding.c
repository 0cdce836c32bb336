/* api_forwarding.c: the public API loads the runtime named by LIBALLOCS_RT once and forwards to it. */
#define _GNU_SOURCE
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

static const struct uniqtype int32 = { .name = "int$32", .kind = UNIQTYPE_KIND_BASE, .flags = UNIQTYPE_F_SIGNED, .size = 4 };
static const struct uniqtype *const types[] = { &int32 };
static const struct __liballocs_allocsite sites[] = {
	{ "api_forwarding.c", 20, 5, "main", "malloc", &int32, LIBALLOCS_ALLOCSITE_F_ARRAY, 0, "malloc" },
};
static struct __liballocs_tu_meta tu = {
	LIBALLOCS_META_VERSION, "api_forwarding.c", 0, NULL, 1, sites, 1, types, NULL, NULL, NULL
};
static struct __liballocs_tu_meta tu2 = {
	LIBALLOCS_META_VERSION, "other.c", 0, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL
};

static void *first_query(void *p)
{
	return (void *)alloc_get_type(p);
}

int main(void)
{
	check_program = "api_forwarding";
	check_begin("register_tu: newest first, idempotent");
	__liballocs_register_tu(&tu);
	__liballocs_register_tu(&tu2);
	__liballocs_register_tu(&tu);
	__liballocs_register_tu(NULL);
	CHECK(__liballocs_tu_list() == &tu2 && tu2.next == &tu && tu.next == NULL, "list is not tu2 -> tu");
	check_end();

	check_begin("runtime loaded from LIBALLOCS_RT once (4 threads race the first query), table complete");
	char self[PATH_MAX], rt[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	self[n > 0 ? n : 0] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(rt, sizeof rt, "%s/fake_rt.so", self);
	setenv("LIBALLOCS_RT", rt, 1);
	int *array = __liballocs_heap_set_site(malloc(10 * sizeof(int)), &sites[0]);
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, first_query, array + i);
	for (int i = 0; i < 4; i++)
	{
		void *r;
		pthread_join(th[i], &r);
		CHECK(r == &int32, "thread %d's first query answered %p", i, r);
	}
	CHECK(__liballocs_uniqtype_by_name("__fake_rt_table_ok") != NULL, "runtime saw an incomplete table or several inits");
	check_end();

	check_begin("queries forwarded: allocator, base, size, type, site, levels, get_alloc_info, names");
	const struct allocator *a = alloc_get_allocator(array + 3);
	CHECK(a && strcmp(a->name, "fake-malloc") == 0, "allocator %s", a ? a->name : "(null)");
	CHECK(alloc_get_base((char *)array + 39) == array, "base");
	CHECK(alloc_get_size(array + 9) == 40, "size %lu", alloc_get_size(array + 9));
	CHECK(alloc_get_type(array) == &int32, "type");
	CHECK(alloc_get_site(array) == &sites[0], "site");
	struct alloc_info info;
	CHECK(alloc_get_info_at_level(array, 0, &info) == 0 && info.base == array && info.size == 40, "level 0");
	CHECK(alloc_get_info_at_level(array, 0, NULL) == 0, "level 0 with null out");
	CHECK(alloc_get_info_at_level(array, 1, &info) == -1, "level 1 (the fake has none)");
	const struct allocator *oa = NULL;
	const void *base = NULL, *site = NULL;
	unsigned long size = 0;
	const struct uniqtype *type = NULL;
	CHECK(__liballocs_get_alloc_info(array + 1, &oa, &base, &size, &type, &site) == NULL, "get_alloc_info");
	CHECK(oa == a && base == array && size == 40 && type == &int32 && site == &sites[0], "get_alloc_info outputs");
	CHECK(__liballocs_get_alloc_info(array, NULL, NULL, NULL, NULL, NULL) == NULL, "all outputs null");
	int local;
	const struct liballocs_err *err = __liballocs_get_alloc_info(&local, &oa, &base, &size, &type, &site);
	CHECK(err && err->message && strlen(err->message) > 0, "unknown address: no error");
	CHECK(oa == NULL && base == NULL && size == 0 && type == NULL && site == NULL, "unknown address: outputs not cleared");
	CHECK(alloc_get_type(&local) == NULL && alloc_get_size(&local) == 0 && alloc_get_base(&local) == NULL
		&& alloc_get_allocator(&local) == NULL && alloc_get_site(&local) == NULL, "stack address answered");
	CHECK(alloc_get_type((void *)0x1) == NULL && alloc_get_type((void *)-1) == NULL, "wild pointers answered");
	CHECK(__liballocs_uniqtype_by_name("int$32") == &int32, "by_name int$32");
	CHECK(__liballocs_uniqtype_by_name("struct nothing") == NULL, "by_name unknown");
	CHECK(__liballocs_uniqtype_by_name(NULL) == NULL, "by_name NULL");
	CHECK(strcmp(__liballocs_uniqtype_name(&int32), "int$32") == 0, "name");
	CHECK(strcmp(UNIQTYPE_NAME(NULL), "(unknown type)") == 0, "name of null");
	free(array);
	CHECK(alloc_get_type(array) == NULL, "freed chunk still answered");
	check_end();

	check_begin("a fact the runtime gives for a check is found by the inline fast path, in the set its key picks");
	{
		/* 64 target types (all four sets are hit but with odds of 4 * (3/4)^64), and a cast to an incomplete type (no target:
		 * the fact is keyed by the cast site). */
		enum { TARGETS = 64 };
		static struct uniqtype targets[TARGETS];
		static struct __liballocs_castsite casts[TARGETS + 1];
		static long objects[TARGETS + 1];
		unsigned sets_seen = 0;
		for (int i = 0; i <= TARGETS; i++)
		{
			if (i < TARGETS)
				targets[i] = (struct uniqtype){ .name = "t", .kind = UNIQTYPE_KIND_BASE, .size = 8 };
			casts[i] = (struct __liballocs_castsite){ .file = "api_forwarding.c", .line = 1, .column = 1,
				.kind = i < TARGETS ? LIBALLOCS_CHECK_IS_A : LIBALLOCS_CHECK_NAMED_A, .target = i < TARGETS ? &targets[i] : NULL,
				.target_type_name = "t", .target_c_type = "t *" };
			const void *key = i < TARGETS ? (const void *)&targets[i] : (const void *)&casts[i];
			sets_seen |= 1u << (__liballocs_check_cache_set(key) / LIBALLOCS_CHECK_CACHE_WAYS);
			unsigned long a = (unsigned long)&objects[i];
			CHECK(!__liballocs_check_cached(a, &casts[i]), "object %d cached before its first check", i);
			CHECK(__liballocs_check(&objects[i], &casts[i]) == &objects[i], "check %d changed the pointer", i);
			CHECK(__liballocs_check_cached(a, &casts[i]), "object %d not found by the fast path after its check", i);
			CHECK(!__liballocs_check_cached(a + 8, &casts[i]), "object %d's fact covers the next address", i);
		}
		CHECK(sets_seen == (1u << LIBALLOCS_CHECK_CACHE_SETS) - 1, "the keys fell in sets %#x only", sets_seen);
	}
	check_end();
	return check_exit_status();
}
