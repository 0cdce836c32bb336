/* A program run with glibc's allocator built standalone beneath the C layer
 * (LD_PRELOAD="libliballocs.so libglibc_malloc.so"): prints, for a small chunk and eight large ones, the mapping-level
 * allocation the public API answers (level 1), as "name: allocator base=+offset-from-chunk size=bytes", and how many of
 * the large ones /proc/self/maps shows inside a longer line than their own mapping: each gets a neighbour page of the
 * same kind, which the kernel merges with it. */
#define _GNU_SOURCE
#include <allocs.h>
#include <stdint.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>

static void show(const char *name, void *p)
{
	struct alloc_info info;
	if (alloc_get_info_at_level(p, 1, &info) != 0 || info.allocator == NULL)
	{
		printf("%s: none\n", name);
		return;
	}
	printf("%s: %s base=%+ld size=%lu\n", name, info.allocator->name, (long)((uintptr_t)info.base - (uintptr_t)p),
		info.size);
}

/* The length of the /proc/self/maps line holding p, 0 when none does. */
static unsigned long maps_line_length(const void *p)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long start, end, found = 0;
	char rest[512];
	while (f != NULL && fscanf(f, "%lx-%lx", &start, &end) == 2 && fgets(rest, sizeof rest, f) != NULL)
	{
		if ((uintptr_t)p >= start && (uintptr_t)p < end)
			found = end - start;
	}
	if (f != NULL)
		fclose(f);
	return found;
}

int main(void)
{
	enum { LARGE = 8 };
	void *small = malloc(100);
	/* Above the mmap threshold: each is a mapping of its own, which the kernel puts beside the last. */
	void *large[LARGE], *neighbour[LARGE];
	for (int i = 0; i < LARGE; i++)
	{
		large[i] = malloc(1u << 20);
		/* A page of the same kind right after its mapping (when free), which the kernel merges with it. */
		neighbour[i] = mmap((char *)large[i] - 16 + 1052672, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (neighbour[i] != MAP_FAILED)
			*(volatile char *)neighbour[i] = 1;
	}
	show("small", small);
	int merged = 0;
	for (int i = 0; i < LARGE; i++)
	{
		char name[16];
		snprintf(name, sizeof name, "large %d", i);
		show(name, large[i]);
		merged += maps_line_length(large[i]) > 1052672;
	}
	printf("merged in maps: %d\n", merged);
	for (int i = 0; i < LARGE; i++)
	{
		if (neighbour[i] != MAP_FAILED)
			munmap(neighbour[i], 4096);
		free(large[i]);
	}
	free(small);
	return 0;
}
