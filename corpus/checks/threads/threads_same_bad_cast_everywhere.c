/* Four threads run the same wrong cast 1000 times each on one site's chunks: one report, counted 4000x. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct celsius { double degrees; };
struct fahrenheit { float degrees; int calibrated; };

static const void *volatile sink;

static void *convert(void *arg)
{
  void **readings = arg;
  for (int i = 0; i < 1000; i++)
    sink = (struct fahrenheit *)readings[i % 4];   /* the bug: the readings are celsius */
  // CHECK: threads_same_bad_cast_everywhere.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct fahrenheit *' (is_a)
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *readings[4];
  for (int i = 0; i < 4; i++)
  {
    struct celsius *c = malloc(sizeof *c);
    c->degrees = 20 + i;
    readings[i] = c;
  }
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, convert, readings);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < 4; i++)
    free(readings[i]);
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 1 distinct report:
  // CHECK: 4000x {{.*}}threads_same_bad_cast_everywhere.c:15:{{[0-9]+}} bad cast to 'struct fahrenheit *' (is_a)
  return 0;
}
