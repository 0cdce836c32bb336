/* One untyped malloc wrapper serves many types: each chunk is typed by its own first cast; a wrong later cast fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user { int id; char name[12]; };      /* 16 bytes */
struct order { double amount; long user_id; };   /* 16 bytes */

static void *xmalloc(size_t n)
{
  void *p = malloc(n);
  if (!p)
    abort();
  return p;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct user *u = xmalloc(sizeof(struct user));      /* chunk 1 becomes a user: silent */
  // CHECK-NOT: lazy_wrapper_allocator.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct order *o = xmalloc(sizeof(struct order));    /* chunk 2 becomes an order: silent */
  // CHECK-NOT: lazy_wrapper_allocator.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  u->id = 1;
  strcpy(u->name, "ada");
  o->amount = 9.5;
  o->user_id = u->id;
  void *any = o;
  struct order *o2 = any;                             /* silent */
  printf("%s ordered %g\n", u->name, o2->amount);
  // CHECK: ada ordered 9.5
  struct user *who = any;                             /* the bug: chunk 2 is an order */
  // CHECK: lazy_wrapper_allocator.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct user *' (is_a)
  // CHECK: is 0 bytes into a 'struct order' heap allocation of 16 bytes
  // CHECK: allocated by malloc in xmalloc {{.*}}lazy_wrapper_allocator.c:[[@LINE-24]]:
  printf("who %s\n", (void *)who == any ? "aliases" : "?");
  // CHECK: who aliases
  free(u);
  free(o);
  puts("done");
  // CHECK: done
  return 0;
}
