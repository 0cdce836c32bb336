/* cast_checks.c: the cost of a cast check, on the fast path (the cache answers) and the slow
 * path (the runtime answers), against the same loop built without checks.
 * Usage: cast_checks hit|miss N */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct shape { int kind; double area; };
struct circle { struct shape base; double radius; };

#define OBJECTS 64   /* more distinct objects than the check cache holds facts: every check misses */

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
  int miss = argc > 1 && strcmp(argv[1], "miss") == 0;
  long n = argc > 2 ? atol(argv[2]) : 10000000;
  void *objects[OBJECTS];
  for (int i = 0; i < OBJECTS; i++)
  {
    struct circle *c = malloc(sizeof(struct circle));
    c->base.kind = i; c->base.area = i; c->radius = i;
    objects[i] = c;
  }
  double sum = 0;
  double t0 = now();
  for (long i = 0; i < n; i++)
  {
    /* hit: one object, checked again and again; miss: objects in turn, more than the cache holds */
    void *p = objects[miss ? i % OBJECTS : 0];
    struct circle *c = (struct circle *)p;
    sum += c->radius;
    __asm__ volatile("" ::: "memory");
  }
  double t1 = now();
  printf("%s: %.2f ns per iteration (checksum %.0f)\n", miss ? "miss" : "hit", (t1 - t0) * 1e9 / n, sum);
  return 0;
}
