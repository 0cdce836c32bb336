/* A lazy type is refined when a later cast at the chunk's base names a larger type that begins with
 * it: an interpreter's state block reached first as its first member, and hash-table records first
 * cast to the key struct they begin with. A type that does not begin with the lazy one, or does
 * not fit in the chunk, still fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct state { int status; void *stack; };
struct global { long total; int mode; };
struct state_and_global { struct state s; struct global g; };

struct key { unsigned hash; const char *name; };
struct record { struct key k; double value; int uses; };
struct stranger { double weight; long count; };

/* Sizes through a variable: no sizeof for allocscc to type the chunk by. */
static void *raw_alloc(size_t n) { return calloc(1, n); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t state_size = sizeof(struct state_and_global);
  void *block = raw_alloc(state_size);
  struct state *L = (struct state *) block;                  /* first cast: the chunk is a struct state */
  // CHECK-NOT: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  L->status = 1;
  struct state_and_global *sg = (struct state_and_global *) block;   /* refined: it begins with struct state */
  // CHECK-NOT: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct global *g = (struct global *) (void *) &sg->g;      /* now typed there too */
  // CHECK-NOT: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  g->total = 41;

  size_t record_size = sizeof(struct record);
  void *entry = raw_alloc(record_size);
  struct key *k = (struct key *) entry;                      /* the table sees only its key */
  // CHECK-NOT: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  k->name = "x";
  struct record *r = (struct record *) entry;                /* the user's record begins with the key */
  // CHECK-NOT: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  r->value = 1.5;
  struct stranger *s = (struct stranger *) entry;            /* unrelated: still a bad cast */
  // CHECK: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct stranger *' (is_a)
  // CHECK: is 0 bytes into a 'struct record' heap allocation

  void *small = raw_alloc(sizeof(struct key) + 0 * record_size);
  struct key *sk = (struct key *) small;
  struct record *too_big = (struct record *) small;          /* does not fit in the chunk: fails */
  // CHECK: lazy_type_refines_to_enclosing_object.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct record *' (is_a)
  // CHECK: is 0 bytes into a 'struct key' heap allocation of 16 bytes
  printf("%d %ld %s %g %d %d\n", sg->s.status, g->total + 1, r->k.name, r->value, s != NULL, sk == (void *) too_big);
  // CHECK: 1 42 x 1.5 1 1
  free(block);
  free(entry);
  free(small);
  puts("done");
  // CHECK: done
  return 0;
}
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
