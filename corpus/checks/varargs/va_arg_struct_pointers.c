/* va_arg(ap, struct point *) is checked: right pointers pass, a struct rect * among them fails. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct rect { double x, y, w, h; };

static int sum_x(int n, ...)
{
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++)
  {
    struct point *p = va_arg(ap, struct point *);
    // CHECK: va_arg_struct_pointers.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct point *' (is_a)
    // CHECK: is 0 bytes into a 'struct rect' stack allocation of 32 bytes
    s += p->x;
  }
  va_end(ap);
  return s;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point a = { 1, 2 };
  struct point *b = malloc(sizeof *b);
  b->x = 10; b->y = 20;
  struct point arr[3] = { { 100, 0 }, { 200, 0 }, { 300, 0 } };
  struct rect r = { 0, 0, 5, 5 };
  int good = sum_x(4, &a, b, &arr[0], &arr[2]);   /* silent */
  int bad = sum_x(2, &a, &r);                     /* the bug: r is a rect */
  printf("good %d bad-is-%s\n", good, bad == 1 ? "1+0" : "other");
  // CHECK: good 411 bad-is-1+0
  free(b);
  puts("done");
  // CHECK: done
  return 0;
}
