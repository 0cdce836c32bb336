/* An alloca'd array of structs passed down a call: elements pass in the callee; a member taken for an element fails. */
#include <alloca.h>
#include <stdio.h>

struct sample { double value; int channel; int flags; };   /* 16 bytes */

static int channel_of(void *p)
{
  struct sample *s = p;                           /* checked in the callee */
  // CHECK: alloca_passed_to_callee.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct sample *' (is_a)
  // CHECK: is 24 bytes into a 'struct sample[4]' {{.*}}allocation of 64 bytes; subobject at that offset: 'int'
  return s->channel;
}

static int collect(void)
{
  struct sample *buf = alloca(4 * sizeof(struct sample));
  for (int i = 0; i < 4; i++)
  {
    buf[i].value = i;
    buf[i].channel = 10 + i;
    buf[i].flags = 0;
  }
  int sum = channel_of(&buf[0]) + channel_of(&buf[3]);   /* elements: silent */
  sum += channel_of(&buf[1].channel) * 0;                /* the bug: a member, not an element */
  return sum;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("sum %d\n", collect());
  // CHECK: sum 23
  puts("done");
  // CHECK: done
  return 0;
}
