/* hello.c: the smallest checked program, for the start-up cost per process. Its one cast, to the type its chunk was allocated
 * as, the C layer answers alone; with an argument, a cast to the first member's type comes first, which only the runtime
 * answers, so the runtime starts. */
#include <stdio.h>
#include <stdlib.h>

struct greeting { const char *text; };

int main(int argc, char **argv)
{
  (void)argv;
  void *p = malloc(sizeof(struct greeting));
  if (argc > 1)
  {
    const char **text = (const char **)p;
    *text = "hello";
  }
  struct greeting *g = (struct greeting *)p;
  g->text = "hello, world";
  puts(g->text);
  free(g);
  return 0;
}
