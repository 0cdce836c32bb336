/* A growing struct array: elements past the old end pass after realloc; another struct over the chunk fails. */
#include <stdio.h>
#include <stdlib.h>

struct sample { double t; double v; };       /* 16 bytes */
struct event { int kind; int when; };        /* 8 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int cap = 2, n = 0;
  struct sample *s = malloc(cap * sizeof *s);
  for (int i = 0; i < 10; i++)
  {
    if (n == cap)
    {
      cap *= 2;
      s = realloc(s, cap * sizeof *s);
    }
    s[n].t = i;
    s[n].v = i * i;
    n++;
  }
  void *tail = &s[9];
  struct sample *last = tail;                  /* beyond the first chunk's end: silent */
  // CHECK-NOT: realloc_grow_same_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("n %d cap %d last %g\n", n, cap, last->v);
  // CHECK: n 10 cap 16 last 81
  struct event *ev = (struct event *)tail;     /* the bug: these are samples */
  // CHECK: realloc_grow_same_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct event *' (is_a)
  // CHECK: is 144 bytes into a 'struct sample[16]' heap allocation of 256 bytes
  printf("ev %s\n", (void *)ev == tail ? "aliases" : "?");
  // CHECK: ev aliases
  free(s);
  puts("done");
  // CHECK: done
  return 0;
}
