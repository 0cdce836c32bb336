/* Regression (SQLite's sqlite3VdbeSorterInit): sizeof(S) + n * sizeof(E) + sizeof(K), S ending in a flexible
 * array of E, is one S whose array is followed by a K: past S, a K is no bad cast. Within S it is checked. */
#include <stdio.h>
#include <stdlib.h>

struct task { int id; double weight; };
struct key_info { int nfields; unsigned flags; };
struct sorter { long ntasks; struct key_info *keys; struct task tasks[]; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int n = 3;
  struct sorter *s = (struct sorter *)malloc(sizeof(struct sorter) + n * sizeof(struct task) + sizeof(struct key_info));
  s->ntasks = n;
  s->keys = (struct key_info *)&s->tasks[n];          /* after the array: not reported */
  // CHECK-NOT: flexible_array_then_another_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  s->keys->nfields = 2;
  struct task *t = (struct task *)&s->tasks[1];       /* an element of the array: passes */
  t->id = 1;
  struct key_info *bad = (struct key_info *)(void *)&s->ntasks;   /* the bug, in the head */
  // CHECK: flexible_array_then_another_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct key_info *' (is_a)
  printf("%d %d %d\n", s->keys->nfields, t->id, (void *)bad == (void *)s);
  // CHECK: 2 1 1
  free(s);
  puts("done");
  // CHECK: done
  return 0;
}
