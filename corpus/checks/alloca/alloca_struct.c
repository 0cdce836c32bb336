/* alloca'd struct: the typed view passes; viewing it as another struct fails. */
#include <alloca.h>
#include <stdio.h>
#include <string.h>

struct frame_info { const char *function; int line; int depth; };   /* 16 bytes */
struct location { double lat, lon; };                              /* 16 bytes */

static const void *last;

static int describe(int depth)
{
  struct frame_info *fi = alloca(sizeof(struct frame_info));
  fi->function = "describe";
  fi->line = 12;
  fi->depth = depth;
  void *any = fi;
  struct frame_info *again = any;                /* right: silent */
  // CHECK-NOT: alloca_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  last = (struct location *)fi;                  /* the bug: frame info is no location */
  // CHECK: alloca_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct location *' (is_a)
  // CHECK: is 0 bytes into a 'struct frame_info' {{.*}}allocation of 16 bytes
  return again->depth + (int)strlen(again->function);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("describe %d\n", describe(2));
  // CHECK: describe 10
  puts("done");
  // CHECK: done
  return 0;
}
