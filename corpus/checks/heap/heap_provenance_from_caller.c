/* A chunk allocated where allocscc saw no allocation site (here, malloc called through a
 * pointer) is still reported with its provenance: the function and line that called malloc. */
// ALLOCSCC-FLAGS: -g
#include <stdio.h>
#include <stdlib.h>

struct packet { int length; char payload[12]; };
struct header { long magic; };

static void *(*allocate)(size_t) = malloc;

static struct packet *make_packet(void)
{
  struct packet *p = allocate(sizeof(struct packet));
  p->length = 0;
  return p;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct packet *p = make_packet();
  struct header *h = (struct header *)(void *)&p->payload[4];   /* the bug */
  // CHECK: heap_provenance_from_caller.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct header *' (is_a)
  // CHECK: allocated by malloc called from make_packet {{.*}}heap_provenance_from_caller.c:14:
  // CHECK-NOT: site unknown
  printf("%d\n", h != NULL);
  // CHECK: 1
  free(p);
  return 0;
}
