/* heap_libc_internal.c: mallocs made inside libc are indexed too; wild pointers are unknown and never crash. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "heap_index.h"
#include "check.h"

static int global_variable;

/* Looks p up; 0 when it resolves to a chunk based at `base` of at least min_size bytes. */
static int found_at(const void *p, const void *base, unsigned long min_size, unsigned long *size)
{
	struct __liballocs_heap_chunk c;
	if (__liballocs_heap_lookup(p, &c) != 0)
		return -1;
	if (size)
		*size = c.size;
	return c.base == base && c.size >= min_size ? 0 : -2;
}

static void test_libc_allocations(void)
{
	check_begin("strdup, strndup, fopen's FILE and buffer, getline's buffer, asprintf, realpath: indexed, then gone");
	char *s = strdup("hello, heap");
	unsigned long size = 0;
	CHECK(found_at(s + 3, s, 12, &size) == 0 && size == 12, "strdup: size %lu", size);
	char *sn = strndup("abcdefgh", 3);
	CHECK(found_at(sn, sn, 4, &size) == 0 && size == 4, "strndup: size %lu", size);

	char path[] = "/tmp/liballocs_libc_internal_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "mkstemp");
	const char text[] = "first line\nsecond, longer line of text\n";
	CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1), "write");
	close(fd);

	FILE *f = fopen(path, "r");
	CHECK(f != NULL, "fopen");
	CHECK(found_at(f, f, sizeof(FILE), &size) == 0, "fopen's FILE not a chunk based at it (size %lu)", size);
	CHECK(fgetc(f) == 'f', "fgetc");
	CHECK(f->_IO_buf_base != NULL && found_at(f->_IO_buf_base, f->_IO_buf_base,
		(unsigned long)(f->_IO_buf_end - f->_IO_buf_base), &size) == 0,
		"stdio buffer %p not a chunk (size %lu)", (void *)f->_IO_buf_base, size);
	rewind(f);
	char *line = NULL;
	size_t cap = 0;
	CHECK(getline(&line, &cap, f) == 11, "getline 1");
	CHECK(found_at(line, line, cap, &size) == 0 && size == cap, "getline buffer: size %lu, cap %zu", size, cap);
	CHECK(getline(&line, &cap, f) > 11, "getline 2");
	CHECK(found_at(line + strlen(line), line, cap, &size) == 0 && size == cap, "getline buffer after growth: size %lu, cap %zu", size, cap);
	void *file_chunk = f;
	void *buffer = f->_IO_buf_base;
	fclose(f);
	CHECK(__liballocs_heap_lookup(file_chunk, NULL) != 0, "FILE still resolves after fclose");
	CHECK(__liballocs_heap_lookup(buffer, NULL) != 0, "stdio buffer still resolves after fclose");
	unlink(path);

	char *formatted = NULL;
	int n = asprintf(&formatted, "%d-%s-%0200d", 42, "x", 7);
	CHECK(n > 0 && found_at(formatted + n, formatted, (unsigned long)n + 1, &size) == 0, "asprintf (%d bytes): size %lu", n, size);

	char *real = realpath("/tmp/../tmp", NULL);
	CHECK(real && found_at(real, real, strlen(real) + 1, &size) == 0, "realpath(.., NULL): size %lu", size);

	free(line);
	CHECK(__liballocs_heap_lookup(line, NULL) != 0, "getline buffer resolves after free");
	free(formatted);
	free(real);
	free(sn);
	free(s);
	CHECK(__liballocs_heap_lookup(s, NULL) != 0, "strdup'd string resolves after free");
	check_end();
}

static void test_glibc_usable_size(void)
{
	check_begin("musable(): our usable size is glibc's minus the trailer (heap and mmapped chunks)");
	/* glibc's own malloc_usable_size, bypassing ours. */
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	size_t (*glibc_usable)(void *) = NULL;
	if (libc)
		*(void **)&glibc_usable = dlsym(libc, "malloc_usable_size");
	CHECK(glibc_usable != NULL && glibc_usable != malloc_usable_size, "cannot find glibc's malloc_usable_size");
	if (glibc_usable != NULL)
	{
		size_t sizes[] = { 0, 1, 24, 100, 5000, 70000, 200000, 64u << 20 };
		for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		{
			void *p = malloc(sizes[i]);
			CHECK(malloc_usable_size(p) + TRAILER_SIZE == glibc_usable(p), "size %zu: ours %zu, glibc %zu",
				sizes[i], malloc_usable_size(p), glibc_usable(p));
			free(p);
			p = memalign(4096, sizes[i]);
			CHECK(malloc_usable_size(p) + TRAILER_SIZE == glibc_usable(p), "memalign size %zu: ours %zu, glibc %zu",
				sizes[i], malloc_usable_size(p), glibc_usable(p));
			free(p);
		}
	}
	if (libc)
		dlclose(libc);
	check_end();
}

static void test_wild_pointers(void)
{
	check_begin("wild pointers: 0, 0x1, -1, kernel, top of user space, unmapped page, stack, static, text");
	long page = sysconf(_SC_PAGESIZE);
	char *unmapped = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, (size_t)page);
	int local = 0;
	const void *wild[] = {
		(void *)0, (void *)0x1, (void *)0xf, (void *)0x10, (void *)0x1000, (void *)-1,
		(void *)0xffff800000000000ul, (void *)0xffffffffff600000ul, (void *)0x00007ffffffffffful,
		(void *)0x0000800000000000ul, (void *)0x0000800000000010ul, (void *)0x8000000000000000ul,
		unmapped, unmapped + 100, &local, &global_variable, (const void *)test_wild_pointers,
	};
	for (unsigned i = 0; i < sizeof wild / sizeof wild[0]; i++)
	{
		struct __liballocs_heap_chunk c = { (void *)0x5, 5, NULL, NULL, NULL };
		CHECK(__liballocs_heap_lookup(wild[i], &c) != 0, "%p resolves to %p", wild[i], c.base);
		CHECK(c.base == (void *)0x5, "a failed lookup of %p wrote its result", wild[i]);
	}
	/* Every granule of the page below a fresh chunk: none resolves, none crashes. */
	char *p = malloc(32);
	for (char *q = p - 4096; q < p; q += 8)
	{
		struct __liballocs_heap_chunk c;
		if (__liballocs_heap_lookup(q, &c) == 0)
			CHECK((char *)c.base <= q && q < (char *)c.base + (c.size ? c.size : 1),
				"%p resolves to %p size %lu, which does not contain it", (void *)q, c.base, c.size);
	}
	free(p);
	check_end();
}

int main(void)
{
	check_program = "heap_libc_internal";
	test_libc_allocations();
	test_glibc_usable_size();
	test_wild_pointers();
	return check_exit_status();
}
