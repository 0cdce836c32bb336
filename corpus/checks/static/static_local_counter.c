/* A function-static long: an unsigned long view passes; an int * to it fails. */
#include <stdio.h>

static void add_int(int *total, int n) { *total += n; }

static long next_id(void)
{
  static long counter;
  unsigned long *u = (unsigned long *)&counter;   /* long as unsigned long: allowed */
  // CHECK-NOT: static_local_counter.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  *u += 1;
  if (counter == 3)
    add_int((int *)&counter, 10);                 /* the bug: counter is a long */
    // CHECK: static_local_counter.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'int *' (is_a)
    // CHECK: is 0 bytes into a 'long' static allocation of 8 bytes
  return counter;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  long last = 0;
  for (int i = 0; i < 5; i++)
    last = next_id();
  printf("last id %ld\n", last);
  // CHECK: last id 15
  puts("done");
  // CHECK: done
  return 0;
}
