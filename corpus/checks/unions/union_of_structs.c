/* A union of message structs: arms and their members pass; an offset between members of every arm fails. */
#include <stdio.h>
#include <stdlib.h>

struct ping { int type; int seq; };
struct data { int type; int len; double payload[4]; };
union message { int type; struct ping ping; struct data data; };   /* 40 bytes */

static const void *sink;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  union message *m = calloc(3, sizeof(union message));
  struct ping *p = (struct ping *)&m[1];                         /* an arm: silent */
  struct data *d = (struct data *)&m[1];                         /* another arm: silent */
  double *third = (double *)(void *)((char *)&m[1] + 8 + 2 * sizeof(double));   /* data.payload[2] */
  int *seq = (int *)(void *)((char *)&m[2] + 4);                 /* ping.seq / data.len */
  p->type = 1;
  d->len = 4;
  *third = 2.5;
  *seq = 7;
  printf("len %d payload[2] %g seq %d\n", m[1].data.len, m[1].data.payload[2], m[2].ping.seq);
  // CHECK: len 4 payload[2] 2.5 seq 7
  sink = (double *)(void *)((char *)&m[1] + 4);                  /* the bug: payload starts at 8 */
  // CHECK: union_of_structs.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double *' (is_a)
  // CHECK: is 44 bytes into a 'union message[3]' heap allocation of 120 bytes
  free(m);
  puts("done");
  // CHECK: done
  return 0;
}
