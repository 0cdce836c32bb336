/* A header followed by an array of another type is left untyped, then typed by its first cast. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

struct header { long count; };                    /* no flexible array member */
struct wrong { double a, b; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t n = 4;
  void *block = malloc(sizeof(struct header) + n * sizeof(int));
  printf("before %s\n", UNIQTYPE_NAME(alloc_get_type(block)));
  // CHECK: before (unknown type)
  struct header *h = block;                       /* first cast at the base: types the block */
  // CHECK-NOT: header_plus_array_untyped.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  h->count = (long)n;
  struct wrong *w = block;                        /* the bug: the block is a header now */
  // CHECK: header_plus_array_untyped.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct wrong *' (is_a)
  printf("%ld %d\n", h->count, w != NULL);
  // CHECK: 4 1
  free(block);
  puts("done");
  // CHECK: done
  return 0;
}
