/* In an array of points, &pts[i].x is also &pts[i]; &pts[i].y is not the start of any point. */
#include <stdio.h>

struct point { int x, y; };

static int norm1(const void *p)
{
  const struct point *pt = p;            /* checked: must be a struct point */
  // CHECK: struct_array_member_as_element.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const struct point *' (is_a)
  // CHECK: is 28 bytes into a 'struct point[10]' stack allocation of 80 bytes; subobject at that offset: 'int'
  return pt->x + pt->y;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point pts[10];
  for (int i = 0; i < 10; i++)
  {
    pts[i].x = i;
    pts[i].y = 100 * i;
  }
  int a = norm1(&pts[3]);                /* an element: silent */
  int b = norm1(&pts[9].x);              /* first member of an element: silent */
  int c = norm1(&pts[3].y);              /* the bug: y of pts[3] and x of pts[4] */
  printf("%d %d %d\n", a, b, c);
  // CHECK: 303 909 304
  puts("done");
  // CHECK: done
  return 0;
}
