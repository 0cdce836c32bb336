/* api_default_path.c: without LIBALLOCS_RT the runtime is the liballocs_rt.so beside libliballocs.so. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

int main(void)
{
	check_program = "api_default_path";
	check_begin("liballocs_rt.so found beside libliballocs.so, even after chdir");
	CHECK(getenv("LIBALLOCS_RT") == NULL, "LIBALLOCS_RT is set");
	CHECK(chdir("/") == 0, "chdir");
	char *p = malloc(24);
	const struct allocator *a = alloc_get_allocator(p + 5);
	CHECK(a && strcmp(a->name, "fake-malloc") == 0, "allocator %s", a ? a->name : "(null)");
	CHECK(alloc_get_size(p) == 24, "size");
	free(p);
	check_end();
	return check_exit_status();
}
