/* Integers of the wrong width: an int counter passed as long *, an unsigned length as unsigned long *. */
#include <stdio.h>

static void add_long(long *total, long n) { *total += n; }
static void get_size(unsigned long *out) { (void)out; }

struct stats { int hits; int misses; unsigned len; unsigned cap; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct stats st = { 1, 2, 3, 4 };
  long total = 0;
  add_long(&total, 5);
  add_long((long *)(void *)&total, 5);           /* right: silent */
  // CHECK-NOT: integer_width_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  if (total == 0)
    add_long((long *)&st.hits, 1);               /* not executed: no report */
  long *wide = (long *)&st.misses;               /* the bug: misses is an int */
  // CHECK: integer_width_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'long *' (is_a)
  // CHECK: is 4 bytes into a 'struct stats' stack allocation of 16 bytes; subobject at that offset: 'int'
  get_size((unsigned long *)&st.len);            /* the bug: len is an unsigned int */
  // CHECK: integer_width_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'unsigned long *' (is_a)
  // CHECK: is 8 bytes into a 'struct stats' stack allocation of 16 bytes; subobject at that offset: 'unsigned int'
  printf("total %ld wide %s\n", total, wide ? "set" : "null");
  // CHECK: total 10 wide set
  puts("done");
  // CHECK: done
  return 0;
}
