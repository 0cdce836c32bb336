/* calloc'd array of 2-D points: element pointers pass; viewing an element as a 3-D point fails. */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };        /* 8 bytes */
struct point3 { int x, y, z; };    /* 12 bytes */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *pts = calloc(8, sizeof(struct point));
  for (int i = 0; i < 8; i++)
  {
    void *elem = &pts[i];
    struct point *p = elem;            /* every element is a struct point: silent */
    // CHECK-NOT: heap_calloc_array_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    p->x = i; p->y = i * i;
  }
  int *ys = (int *)(void *)&pts[5].y;  /* member of an interior element: silent */
  printf("pts[5].y = %d\n", *ys);
  // CHECK: pts[5].y = 25

  struct point3 *p3 = (struct point3 *)&pts[2];   /* the bug: these are 2-D points */
  // CHECK: heap_calloc_array_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct point3 *' (is_a)
  // CHECK: is 16 bytes into a 'struct point[8]' heap allocation of 64 bytes
  // CHECK: allocated by calloc in main {{.*}}heap_calloc_array_elements.c:[[@LINE-15]]:
  printf("p3->x = %d\n", p3->x);
  // CHECK: p3->x = 2

  free(pts);
  puts("done");
  // CHECK: done
  return 0;
}
