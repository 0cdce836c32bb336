/* (void **) applied to things that are not pointers: an int and a long id fail loosely_like_a. */
#include <stdio.h>
#include <stdlib.h>

static void reset(void **pp) { (void)pp; }

struct conn { long id; int fd; void *buffer; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct conn *c = malloc(sizeof *c);
  c->id = 17; c->fd = 3; c->buffer = malloc(16);
  reset((void **)&c->buffer);                     /* a pointer member: silent */
  // CHECK-NOT: void_pp_non_pointer.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  reset((void **)&c->id);                         /* the bug: id is a long, not a pointer */
  // CHECK: void_pp_non_pointer.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void **' (loosely_like_a)
  // CHECK: is 0 bytes into a 'struct conn' heap allocation of 24 bytes; subobject at that offset: 'long'
  int count = 0;
  reset((void **)&count);                         /* the bug: count is an int */
  // CHECK: void_pp_non_pointer.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void **' (loosely_like_a)
  // CHECK: is 0 bytes into a 'int' stack allocation of 4 bytes
  printf("id %ld count %d\n", c->id, count);
  // CHECK: id 17 count 0
  free(c->buffer);
  free(c);
  puts("done");
  // CHECK: done
  return 0;
}
