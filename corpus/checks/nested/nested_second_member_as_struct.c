/* A pointer to a nested struct's second member is not a pointer to the nested struct. */
#include <stdio.h>

struct vec { double x, y; };
struct body { struct vec pos; struct vec vel; double mass; };   /* 40 bytes */

static double speed2(const struct vec *v) { return v->x * v->x + v->y * v->y; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct body b = { { 1, 2 }, { 3, 4 }, 10 };
  printf("pos %g\n", speed2((struct vec *)(void *)&b));             /* b.pos is first: silent */
  // CHECK: pos 5
  printf("vel %g\n", speed2((struct vec *)(void *)&b.vel.x));       /* vel starts at its x: silent */
  // CHECK: vel 25
  printf("bad %g\n", speed2((struct vec *)(void *)&b.pos.y));       /* the bug: 8 bytes into pos */
  // CHECK: nested_second_member_as_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct vec *' (is_a)
  // CHECK: is 8 bytes into a 'struct body' stack allocation of 40 bytes; subobject at that offset: 'double'
  // CHECK: bad 13
  puts("done");
  // CHECK: done
  return 0;
}
