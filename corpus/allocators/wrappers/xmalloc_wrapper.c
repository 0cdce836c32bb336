/* A configured malloc wrapper: its chunks are named after it and sited at its caller's line. */
// ALLOCSCC-FLAGS: --allocators %S/xmalloc.yaml
#include <allocs.h>
#include <liballocs_meta.h>
#include <stdio.h>
#include <stdlib.h>

struct circle { double r; };
struct square { double side, angle; };

void *xmalloc(size_t n)
{
  void *p = malloc(n);
  if (!p) abort();
  return p;
}

void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n, size);
  if (!p) abort();
  return p;
}

void xfree(void *p) { free(p); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct square *s = xmalloc(sizeof(struct square));
  const struct __liballocs_allocsite *site = alloc_get_site(s);
  printf("%s-allocated %s at line %u by %s\n", alloc_get_allocator(s)->name,
    UNIQTYPE_NAME(alloc_get_type(s)), site ? site->line : 0, site ? site->allocator : "?");
  // CHECK: xmalloc-allocated square at line 30 by xmalloc
  struct square *grid = xcalloc(4, sizeof(struct square));
  printf("%s %s\n", alloc_get_allocator(&grid[3])->name, UNIQTYPE_NAME(alloc_get_type(grid)));
  // CHECK: xmalloc __ARR4_square
  void *any = s;
  struct circle *c = any;                         /* the bug */
  // CHECK: xmalloc_wrapper.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: is 0 bytes into a 'struct square' heap allocation of 16 bytes
  // CHECK: allocated by xmalloc in main {{.*}}xmalloc_wrapper.c:30:{{[0-9]+}}
  printf("%d\n", c != NULL);
  // CHECK: 1
  xfree(grid);
  xfree(s);
  puts("done");
  // CHECK: done
  return 0;
}
