/* Run with LD_PRELOAD="libliballocs.so libforeign_allocator.so": prints how many calls reached the foreign allocator and
 * what the public API says of a chunk from malloc. */
#define _GNU_SOURCE
#include <allocs.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	void *blocks[100];
	for (int i = 0; i < 100; i++)
		blocks[i] = malloc(24 + i);
	const unsigned long *calls = dlsym(RTLD_DEFAULT, "foreign_allocator_calls");
	const struct allocator *a = alloc_get_allocator(blocks[50]);
	printf("foreign allocator loaded: %s\n", calls != NULL ? "yes" : "no");
	printf("foreign allocator calls: %lu\n", calls != NULL ? *calls : 0ul);
	printf("chunk allocator: %s\n", a != NULL ? a->name : "none");
	printf("chunk size: %lu\n", alloc_get_size(blocks[50]));
	for (int i = 0; i < 100; i++)
		free(blocks[i]);
	return 0;
}
