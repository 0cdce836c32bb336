/* cast_checks.c: the cost of one cast check in each way a check is answered, against the same loop built without checks
 * (checks/README.md, "How a check is answered"). Usage: cast_checks MODE N, where MODE is
 *   hit      one object checked again and again: the inline cache of facts answers;
 *   seen     64 objects in turn, more than that cache holds, each checked before and each inside its chunk: the second
 *            level of the fact cache (the C layer's points) answers;
 *   known    8192 objects in turn, each at its chunk's base, cast to the type they were allocated as: the C layer answers
 *            from the allocation site's type, ahead of the points at a chunk's base;
 *   reused   the same objects cast to the type of their first member, a verdict the runtime gave for the first: the C
 *            layer's reused verdict answers, also ahead of the points;
 *   fail     64 objects in turn, with a cast that lies: one report, then repeats of a known failure, counted;
 *   unknown  an address in an anonymous mapping, where the model has no type: unknown storage, answered by the runtime. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

struct shape { int kind; double area; };
struct circle { struct shape base; double radius; };
struct square { double side; long corners; };
struct holder { long tag; struct circle circle; };   /* seen: the circle lies 8 bytes into its chunk */

#define OBJECTS 64
#define KNOWN_OBJECTS 8192

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "hit";
  long n = argc > 2 ? atol(argv[2]) : 10000000;
  int hit = strcmp(mode, "hit") == 0, fail = strcmp(mode, "fail") == 0, unknown = strcmp(mode, "unknown") == 0;
  int known = strcmp(mode, "known") == 0, seen = strcmp(mode, "seen") == 0, reused = strcmp(mode, "reused") == 0;
  if (!hit && !fail && !unknown && !known && !seen && !reused)
  {
    fprintf(stderr, "usage: cast_checks hit|seen|known|reused|fail|unknown N\n");
    return 2;
  }
  int count = known || reused ? KNOWN_OBJECTS : OBJECTS;
  void **objects = malloc(count * sizeof *objects);
  if (objects == NULL)
    return 1;
  for (int i = 0; i < count; i++)
  {
    struct circle *c;
    if (seen)
    {
      struct holder *h = malloc(sizeof(struct holder));
      c = &h->circle;
    }
    else
      c = malloc(sizeof(struct circle));
    c->base.kind = i; c->base.area = i; c->radius = i;
    objects[i] = c;
  }
  char *mapped = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED)
    return 1;
  double sum = 0;
  double t0 = now();
  for (long i = 0; i < n; i++)
  {
    void *p = unknown ? (void *)(mapped + (i % OBJECTS) * sizeof(struct circle)) : objects[hit ? 0 : i & (count - 1)]   /* counts are powers of two */;
    if (fail)
    {
      struct square *q = (struct square *)p;
      sum += q->side;
    }
    else if (reused)
    {
      struct shape *s = (struct shape *)p;
      sum += s->area;
    }
    else
    {
      struct circle *c = (struct circle *)p;
      sum += c->radius;
    }
    __asm__ volatile("" ::: "memory");
  }
  double t1 = now();
  printf("%s: %.2f ns per iteration (checksum %.0f)\n", mode, (t1 - t0) * 1e9 / n, sum);
  return 0;
}
