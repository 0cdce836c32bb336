/* A member viewed as the union it is an arm of (C11 6.5p7: an aggregate or union type that includes
 * the object's type among its members), as interpreters convert any object to their GC union:
 * a table, a closure arm of a nested union, or the shared header all pass; a struct that no arm
 * holds does not, nor does an arm's second member. At -O0 and -O2, on the heap and the stack. */
#include <stdio.h>
#include <stdlib.h>

struct header { struct header *next; unsigned char tag; };
struct table { struct header h; int size; void **slots; };
struct cclosure { struct header h; int nupvalues; int (*f)(int); };
struct lclosure { struct header h; int nupvalues; void *proto; };
union closure { struct cclosure c; struct lclosure l; };
union gcobject { struct header gc; struct table t; union closure cl; };
struct stranger { double weight; int count; };

#define obj2gco(v) ((union gcobject *) (v))

static int collect(union gcobject *o) { return o->gc.tag; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct table *t = malloc(sizeof *t);
  struct lclosure *l = malloc(sizeof *l);
  struct cclosure c;
  struct stranger *s = malloc(sizeof *s);
  t->h.tag = 1;
  l->h.tag = 2;
  c.h.tag = 3;
  s->count = 4;
  int sum = collect(obj2gco(t));            // CHECK-NOT: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error
  sum += collect(obj2gco(l));               // CHECK-NOT: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error
  sum += collect(obj2gco(&c));              // CHECK-NOT: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error
  sum += collect(obj2gco(&t->h));           // CHECK-NOT: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error
  union gcobject *bad = obj2gco(s);         // CHECK: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'union gcobject *' (is_a)
  // CHECK: 0 bytes into a 'struct stranger' heap allocation
  union gcobject *inner = obj2gco(&t->size); // CHECK: union_view_of_a_member.c:[[@LINE]]:{{[0-9]+}}: runtime error: bad cast to 'union gcobject *' (is_a)
  printf("sum %d %d\n", sum, (bad != NULL) + (inner != NULL));
  // CHECK: sum 7 2
  free(t);
  free(l);
  free(s);
  puts("done");
  // CHECK: done
  return 0;
}
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
