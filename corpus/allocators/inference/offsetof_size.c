/* offsetof(S, member) + n: a struct whose last member is a flexible array, sized by offsetof. */
#include <allocs.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct message { int kind; unsigned length; char body[]; };
struct header { double stamp; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  const char *text = "hello, world";
  struct message *m = malloc(offsetof(struct message, body) + strlen(text) + 1);
  printf("type %s\n", UNIQTYPE_NAME(alloc_get_type(m)));
  // CHECK: type message
  void *any = m;
  struct message *again = any;                    /* right: silent */
  // CHECK-NOT: offsetof_size.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct header *h = any;                         /* the bug */
  // CHECK: offsetof_size.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct header *' (is_a)
  // CHECK: is 0 bytes into a 'struct message' heap allocation of 21 bytes
  printf("%d %d\n", again->kind == m->kind, h != NULL);
  // CHECK: 1 1
  free(m);
  puts("done");
  // CHECK: done
  return 0;
}
