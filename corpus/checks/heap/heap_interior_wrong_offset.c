/* A field accessor given the wrong offsetof: the pointer lands on an int, not on the double. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct record { int id; int flags; double weight; char name[16]; };   /* 32 bytes */

static void *field(void *obj, size_t offset) { return (char *)obj + offset; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct record *r = malloc(sizeof *r);
  r->id = 1; r->flags = 2; r->weight = 3.5;

  double *w = field(r, offsetof(struct record, weight));   /* right */
  printf("weight %g\n", *w);
  // CHECK: weight 3.5
  unsigned *f = field(r, offsetof(struct record, flags));  /* int viewed as unsigned: allowed */
  printf("flags %u\n", *f);
  // CHECK: flags 2

  double *bad = field(r, offsetof(struct record, flags));  /* the bug: wrong member */
  // CHECK: heap_interior_wrong_offset.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double *' (is_a)
  // CHECK: is 4 bytes into a 'struct record' heap allocation of 32 bytes; subobject at that offset: 'int'
  // CHECK: allocated by malloc in main {{.*}}heap_interior_wrong_offset.c:[[@LINE-13]]:
  printf("bad is %ld bytes in\n", (long)((char *)bad - (char *)r));
  // CHECK: bad is 4 bytes in

  free(r);
  puts("done");
  // CHECK: done
  return 0;
}
