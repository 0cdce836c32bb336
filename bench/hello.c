/* hello.c: the smallest checked program, for the start-up cost per process (one checked cast loads the runtime). */
#include <stdio.h>
#include <stdlib.h>

struct greeting { const char *text; };

int main(void)
{
  void *p = malloc(sizeof(struct greeting));
  struct greeting *g = (struct greeting *)p;
  g->text = "hello, world";
  puts(g->text);
  free(g);
  return 0;
}
