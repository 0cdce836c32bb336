/* A program that overflows a heap chunk into the runtime's metadata (the chunk trailer) keeps
 * running: the damaged site is not trusted, the chunk answers with no type. Regression test for a
 * crash inside the runtime found in review. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair { long a, b; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  long *small = malloc(sizeof(long));
  volatile long *overflow = small;
  /* The program's bug: it writes 16 bytes past its 8, over what (in this runtime's layout) holds
   * the chunk's size and allocation site: a plausible size, and a site pointer to nowhere. */
  overflow[0] = 1;
  overflow[1] = (long)sizeof(long);
  overflow[2] = 0x4141414141414141L;
  struct pair *view = (struct pair *)small;     /* checked against damaged metadata */
  printf("allocator %s, type %s\n", alloc_get_allocator(small) ? "known" : "unknown",
    UNIQTYPE_NAME(alloc_get_type(small)));
  // CHECK: allocator {{known|unknown}}, type {{.*}}
  printf("survived %d\n", view != NULL);
  // CHECK: survived 1
  // CHECK-NOT: internal error
  return 0;                                     /* no free: glibc would rightly abort on the damaged chunk */
}
