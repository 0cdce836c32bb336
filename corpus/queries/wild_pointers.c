/* Wild pointers answer "unknown" from every API function and never crash. */
#include <allocs.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static void ask(const char *what, const void *p)
{
  const struct allocator *a = 0; const void *base = 0; unsigned long size = 0;
  const struct uniqtype *t = 0; const void *site = 0;
  const struct liballocs_err *err = __liballocs_get_alloc_info(p, &a, &base, &size, &t, &site);
  struct alloc_info up;
  printf("%s: allocator %s size %lu base %p type %s site %p info %s level1 %d\n", what,
    alloc_get_allocator(p) ? alloc_get_allocator(p)->name : "none", alloc_get_size(p),
    alloc_get_base(p), UNIQTYPE_NAME(alloc_get_type(p)), alloc_get_site(p),
    err ? "error" : "ok", alloc_get_info_at_level(p, 1, &up));
}

int main(void)
{
  ask("null", (void *)0);
  // CHECK: null: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  /* Unmap a page only now: the first query loads the runtime, which maps memory of its own. */
  long page = sysconf(_SC_PAGESIZE);
  char *gone = mmap(0, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(gone, page);
  ask("one", (void *)0x1);
  // CHECK: one: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  ask("kernel", (void *)0xffffffff81000000ul);
  // CHECK: kernel: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  ask("top", (void *)-1);
  // CHECK: top: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  ask("unmapped", gone + 100);
  // CHECK: unmapped: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  ask("noncanonical", (void *)0x0000900000000000ul);
  // CHECK: noncanonical: allocator none size 0 base (nil) type (unknown type) site (nil) info error level1 -1
  printf("survived\n");
  // CHECK: survived
  return 0;
}
