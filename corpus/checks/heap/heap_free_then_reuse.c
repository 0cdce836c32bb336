/* A chunk freed and reallocated with another type (often at the same address): checks follow the new chunk. */
#include <stdio.h>
#include <stdlib.h>

struct session { long id; double started; void *owner; long flags; };   /* 32 bytes */
struct token { unsigned long hash; long expiry; char text[16]; };       /* 32 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *p = malloc(sizeof(struct session));
  for (int i = 0; i < 3; i++)
  {
    struct session *s = p;            /* right, and remembered by the check cache */
    s->id = i;
  }
  free(p);

  void *q = malloc(sizeof(struct token));
  struct token *t = q;                /* right: q is a token now, even at p's old address */
  // CHECK-NOT: heap_free_then_reuse.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  t->hash = 42;
  struct session *stale = q;          /* the bug: a dangling idea of what lives there */
  // CHECK: heap_free_then_reuse.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct session *' (is_a)
  // CHECK: is 0 bytes into a 'struct token' heap allocation of 32 bytes
  printf("token hash %lu, stale %s\n", t->hash, stale ? "set" : "null");
  // CHECK: token hash 42, stale set

  free(q);
  puts("done");
  // CHECK: done
  return 0;
}
