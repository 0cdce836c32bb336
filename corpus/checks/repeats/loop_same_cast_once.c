/* The same wrong cast executed 1000 times: one report; the exit summary counts all 1000. */
#include <stdio.h>
#include <stdlib.h>

struct meters { double value; };
struct feet { float value; float scale; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct meters *m = malloc(sizeof *m);
  m->value = 3.0;
  int same = 0;
  for (int i = 0; i < 1000; i++)
  {
    struct feet *f = (struct feet *)m;     /* the bug, every time round */
    // CHECK: loop_same_cast_once.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct feet *' (is_a)
    same += (void *)f == (void *)m;
  }
  printf("same %d\n", same);
  // CHECK: same 1000
  free(m);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 1 distinct report:
  // CHECK: 1000x {{.*}}loop_same_cast_once.c:16:{{[0-9]+}} bad cast to 'struct feet *' (is_a)
  return 0;
}
