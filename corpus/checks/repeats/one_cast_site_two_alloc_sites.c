/* One wrong cast site reached by objects from two allocation sites: one report per allocation site. */
#include <stdio.h>
#include <stdlib.h>

struct circle { double r; };
struct square { double side; double angle; };

static struct circle *as_circle(void *shape)
{
  return (struct circle *)shape;            /* wrong for squares */
  // CHECK: one_cast_site_two_alloc_sites.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: allocated by malloc in main {{.*}}one_cast_site_two_alloc_sites.c:21:
  // CHECK: one_cast_site_two_alloc_sites.c:[[@LINE-3]]:{{[0-9]+}}: runtime error: bad cast to 'struct circle *' (is_a)
  // CHECK: allocated by malloc in main {{.*}}one_cast_site_two_alloc_sites.c:22:
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct circle *c = malloc(sizeof *c);
  struct square *s1 = malloc(sizeof *s1);
  struct square *s2 = malloc(sizeof(struct square));
  int n = 0;
  for (int i = 0; i < 3; i++)
  {
    n += as_circle(c) != NULL;                 /* silent */
    n += as_circle(s1) != NULL;                /* the bug, from the first site */
    n += as_circle(s2) != NULL;                /* the bug, from the second site */
  }
  printf("n %d\n", n);
  // CHECK: n 9
  free(c); free(s1); free(s2);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 2 distinct report{{s?}}:
  return 0;
}
