/* Allocations made inside libc (fopen, getline, asprintf) are heap chunks too, untyped. */
#define _GNU_SOURCE
#include <allocs.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
  FILE *f = fopen("/proc/self/maps", "r");
  printf("FILE: %s base-equal %d\n", alloc_get_allocator(f)->name, alloc_get_base(f) == (void *)f);
  // CHECK: FILE: malloc base-equal 1
  char *line = NULL; size_t cap = 0;
  ssize_t n = getline(&line, &cap, f);
  printf("getline: %s size>=len %d\n", alloc_get_allocator(line + 1)->name, alloc_get_size(line) >= (unsigned long)n);
  // CHECK: getline: malloc size>=len 1
  char *msg;
  int len = asprintf(&msg, "%d-%s", 42, "x");
  printf("asprintf: %s size %lu len %d\n", alloc_get_allocator(msg)->name, alloc_get_size(msg), len);
  // CHECK: asprintf: malloc size {{[0-9]+}} len 4
  free(msg); free(line); fclose(f);
  return 0;
}
