/* dummyweaks_link.c: a program using the whole API links against libliballocs_dummyweaks alone and gets "unknown". */
#include <stdlib.h>
#include <string.h>
#include "allocs.h"
#include "liballocs_meta.h"
#include "check.h"

static const struct uniqtype int32 = { .name = "int$32" };
static struct __liballocs_tu_meta tu = { LIBALLOCS_META_VERSION, "x.c", 0, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL };
static const struct __liballocs_local_desc desc = { "x", &int32, "main", "x.c", 1, 1, 0, 0, 0 };

int main(void)
{
	check_program = "dummyweaks_" LINKAGE;
	check_begin("every entry point links and answers unknown");
	__liballocs_register_tu(&tu);
	int x = 0;
	{
		struct __liballocs_stack_record r __attribute__((cleanup(__liballocs_stack_pop))) = { 0, &x, sizeof x, &desc, 0, 0 };
		CHECK(__liballocs_stack_push(&r) == NULL, "push");
	}
	{
		struct __liballocs_stack_record frame[2] __attribute__((cleanup(__liballocs_stack_pop_frame)));
		CHECK(__liballocs_stack_push_frame(frame, 2) == frame, "push_frame");
		struct __liballocs_stack_record *a __attribute__((cleanup(__liballocs_stack_scope_end)))
			= __liballocs_stack_activate(&frame[1], &x, sizeof x, &desc, 0);
		CHECK(a == &frame[1], "activate");
	}
	char *p = __liballocs_heap_set_site(malloc(8), NULL);
	CHECK(p != NULL, "set_site did not return its pointer");
	int arena;
	CHECK(__liballocs_suballoc_alloc(p, 4, &arena, NULL) == p, "suballoc_alloc did not return its pointer");
	CHECK(__liballocs_suballoc_free(p + 4) == p + 4, "suballoc_free did not return its pointer");
	CHECK(__liballocs_suballoc_release(&arena) == &arena, "suballoc_release did not return its arena");
	CHECK(alloc_get_allocator(p) == NULL && alloc_get_size(p) == 0 && alloc_get_type(p) == NULL
		&& alloc_get_base(p) == NULL && alloc_get_site(p) == NULL, "a query answered");
	struct alloc_info info;
	CHECK(alloc_get_info_at_level(p, 0, &info) == -1, "level 0");
	CHECK(__liballocs_uniqtype_by_name("int$32") == NULL, "by_name");
	CHECK(strcmp(__liballocs_uniqtype_name(&int32), "int$32") == 0 && strcmp(UNIQTYPE_NAME(NULL), "(unknown type)") == 0, "names");
	unsigned long size = 5;
	const struct liballocs_err *err = __liballocs_get_alloc_info(p, NULL, NULL, &size, NULL, NULL);
	CHECK(err && err->message && size == 0, "get_alloc_info");
	free(p);
	check_end();
	return check_exit_status();
}
