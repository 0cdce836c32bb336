/* Casts in a loop condition with *p++: evaluated once per iteration; the one wrong element is reported once. */
#include <stdio.h>
#include <stdlib.h>

struct item { int weight; int pad; };
struct other { double d; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *items[6];
  for (int k = 0; k < 5; k++)
  {
    struct item *it = malloc(sizeof *it);
    it->weight = k + 1;
    items[k] = it;
  }
  struct other *o = malloc(sizeof *o);
  o->d = 0.0;
  items[5] = NULL;
  void **cursor = items;
  int total = 0, steps = 0;
  struct item *it;
  while ((it = (struct item *)*cursor++) != NULL)
  {
    total += it->weight;
    steps++;
  }
  printf("total %d steps %d cursor advanced %td\n", total, steps, cursor - items);
  // CHECK: total 15 steps 5 cursor advanced 6
  void *saved = items[2];
  items[2] = o;                               /* swap in a wrong object */
  cursor = items;
  steps = 0;
  while ((it = (struct item *)*cursor++) != NULL)   /* the bug when it meets o */
    // CHECK: cast_in_loop_condition.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct item *' (is_a)
    // CHECK: is 0 bytes into a 'struct other' heap allocation of 8 bytes
    steps++;
  printf("steps %d cursor advanced %td\n", steps, cursor - items);
  // CHECK: steps 5 cursor advanced 6
  items[2] = saved;
  for (int k = 0; k < 5; k++)
    free(items[k]);
  free(o);
  puts("done");
  // CHECK: done
  return 0;
}
