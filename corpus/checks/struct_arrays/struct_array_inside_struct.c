/* An array of structs inside a struct: elements pass; the first element taken for the enclosing struct fails. */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };
struct polygon { int n; struct point pts[8]; };    /* 68 bytes */

static int vertices(const struct polygon *poly) { return poly->n; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct polygon *poly = malloc(sizeof *poly);
  poly->n = 3;
  for (int i = 0; i < 8; i++)
    poly->pts[i] = (struct point){ i, -i };
  struct point *fifth = (struct point *)(void *)&poly->pts[5];         /* silent */
  int *y = (int *)(void *)&poly->pts[7].y;                             /* silent */
  printf("fifth %d,%d last y %d\n", fifth->x, fifth->y, *y);
  // CHECK: fifth 5,-5 last y -7
  struct point *first = poly->pts;
  int n = vertices((struct polygon *)first);   /* the bug: pts[0] is 4 bytes into the polygon */
  // CHECK: struct_array_inside_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct polygon *' (is_a)
  // CHECK: is 4 bytes into a 'struct polygon' heap allocation of 68 bytes
  printf("n %s\n", n == 3 ? "3" : "garbage");
  // CHECK: n garbage
  free(poly);
  puts("done");
  // CHECK: done
  return 0;
}
