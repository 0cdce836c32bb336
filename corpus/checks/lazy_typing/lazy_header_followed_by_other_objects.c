/* Regression (SQLite's sqlite3PagerOpen): one untyped allocation holds a header struct followed by objects of
 * other types at computed offsets. The first cast types the chunk lazily, but only its first element: the
 * objects after it are unknown storage, never reported. A wrong view of the header itself still is. */
#include <stdio.h>
#include <stdlib.h>

struct pager { int page_size; void *cache; void *file; };
struct cache { long pages[4]; };
struct file { int fd; unsigned flags; };

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t bytes = round8(sizeof(struct pager)) + round8(sizeof(struct cache)) + sizeof(struct file) + 64;
  unsigned char *ptr = malloc(bytes);
  struct pager *pager = (struct pager *)ptr;          /* types the chunk: struct pager */
  ptr += round8(sizeof(struct pager));
  pager->cache = (struct cache *)ptr;                 /* past the header: unknown, silent */
  // CHECK-NOT: lazy_header_followed_by_other_objects.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  ptr += round8(sizeof(struct cache));
  pager->file = (struct file *)ptr;
  // CHECK-NOT: lazy_header_followed_by_other_objects.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  ((struct file *)pager->file)->fd = 3;
  long *wrong = (long *)(void *)&pager->page_size;    /* the bug, in the header: an int is no long */
  // CHECK: lazy_header_followed_by_other_objects.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'long *' (is_a)
  // CHECK: is 0 bytes into a 'struct pager' heap allocation of
  printf("%d %d\n", ((struct file *)pager->file)->fd, (void *)wrong == (void *)pager);
  // CHECK: 3 1
  free(pager);
  puts("done");
  // CHECK: done
  return 0;
}
