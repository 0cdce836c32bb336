/* argv, envp and their strings answer from the auxv allocator; every allocation has a mapping above it. */
// ARGS: first second
#include <allocs.h>
#include <stdio.h>
#include "describe.h"
#include <stdlib.h>

extern char **environ;

static void parent(const char *what, const void *p)
{
  struct alloc_info info;
  int ok = alloc_get_info_at_level(p, 1, &info);
  printf("%s parent: %s contains %d\n", what, ok == 0 ? info.allocator->name : "(none)",
    ok == 0 && (const char *)info.base <= (const char *)p
      && (const char *)p < (const char *)info.base + info.size);
}

static int global;

int main(int argc, char **argv)
{
  show("argv[1]", &argv[1]);
  // CHECK: argv[1]: auxv base+8 size 32 type __ARR4___PTR_signed_char$8
  show("argv[2] text", argv[2] + 3);
  // CHECK: argv[2] text: auxv base+3 size 7 type __ARR7_signed_char$8
  show("environ[0]", &environ[0]);
  // CHECK: environ[0]: auxv base+0 size {{[0-9]+}} type __ARR{{[0-9]+}}___PTR_signed_char$8
  void *heap = malloc(32);
  parent("heap", heap);
  // CHECK: heap parent: brk contains 1
  void *big = malloc(1 << 20);
  parent("big", big);
  // CHECK: big parent: mmap contains 1
  parent("global", &global);
  // CHECK: global parent: mmap contains 1
  parent("argv", argv);
  // CHECK: argv parent: mmap contains 1
  free(heap); free(big);
  return argc == 3 ? 0 : 1;
}
