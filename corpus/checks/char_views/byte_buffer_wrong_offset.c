/* Parsing a message from a byte view: the parts at their offsets pass; the body read at the header's offset fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct header { unsigned short kind; unsigned short length; };        /* 4 bytes */
struct body { int count; float ratio; };                              /* 8 bytes */
struct message { struct header h; struct body b; };                   /* 12 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct message *m = malloc(sizeof *m);
  m->h.kind = 2; m->h.length = 8; m->b.count = 5; m->b.ratio = 0.5f;
  unsigned char *bytes = (unsigned char *)m;            /* never checked */
  struct header *h = (struct header *)bytes;            /* right: silent */
  // CHECK-NOT: byte_buffer_wrong_offset.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct body *b = (struct body *)(bytes + sizeof *h);  /* right: silent */
  // CHECK-NOT: byte_buffer_wrong_offset.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("kind %d count %d ratio %g\n", h->kind, b->count, b->ratio);
  // CHECK: kind 2 count 5 ratio 0.5
  struct body *wrong = (struct body *)bytes;            /* the bug: the header comes first */
  // CHECK: byte_buffer_wrong_offset.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct body *' (is_a)
  // CHECK: is 0 bytes into a 'struct message' heap allocation of 12 bytes
  // CHECK: allocated by malloc in main {{.*}}byte_buffer_wrong_offset.c:[[@LINE-12]]:
  printf("wrong %s\n", (void *)wrong == (void *)m ? "aliases" : "?");
  // CHECK: wrong aliases
  free(m);
  puts("done");
  // CHECK: done
  return 0;
}
