/* api_no_runtime.c: when liballocs_rt.so cannot be loaded the API says so once on stderr and answers "unknown". */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

int main(void)
{
	check_program = "api_no_runtime";
	check_begin("missing runtime: one stderr line, then unknown for everything");
	setenv("LIBALLOCS_RT", "/nonexistent/liballocs_rt.so", 1);
	FILE *capture = tmpfile();
	int saved_stderr = dup(2);
	dup2(fileno(capture), 2);

	char *p = malloc(16);
	const struct uniqtype *t1 = alloc_get_type(p);
	unsigned long s1 = alloc_get_size(p);
	const struct allocator *a1 = alloc_get_allocator(p);
	const void *b1 = alloc_get_base(p), *site1 = alloc_get_site(p);
	struct alloc_info info;
	int level = alloc_get_info_at_level(p, 0, &info);
	const struct uniqtype *byname = __liballocs_uniqtype_by_name("int$32");
	unsigned long size = 99;
	const struct liballocs_err *err = __liballocs_get_alloc_info(p, NULL, NULL, &size, NULL, NULL);

	fflush(stderr);
	dup2(saved_stderr, 2);
	CHECK(t1 == NULL && s1 == 0 && a1 == NULL && b1 == NULL && site1 == NULL && level == -1 && byname == NULL,
		"something answered without a runtime");
	CHECK(err != NULL && strcmp(err->message, "liballocs runtime not loaded") == 0 && size == 0,
		"get_alloc_info: %s", err ? err->message : "(null)");

	char text[1024] = "";
	rewind(capture);
	size_t n = fread(text, 1, sizeof text - 1, capture);
	text[n] = '\0';
	int lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += text[i] == '\n';
	CHECK(lines == 1, "%d lines on stderr: %s", lines, text);
	const char *prefix = "liballocs: cannot load /nonexistent/liballocs_rt.so: ";
	const char *suffix = "; answering \"unknown\"\n";
	CHECK(strncmp(text, prefix, strlen(prefix)) == 0 && n > strlen(suffix) && strcmp(text + n - strlen(suffix), suffix) == 0,
		"message: %s", text);
	printf("  stderr said: %s", text);
	free(p);
	check_end();
	return check_exit_status();
}
