/* Deep interior pointers into a heap struct holding arrays of nested structs. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rgb { unsigned char r, g, b, a; };
struct pixel_row { int y; struct rgb px[4]; };           /* 20 bytes */
struct image { int width, height; struct pixel_row rows[3]; long checksum; };   /* 80 bytes */

static struct rgb *pixel(void *p) { return p; }           /* checked: must be a struct rgb */
// CHECK: nested_heap_deep_interior.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct rgb *' (is_a)
// CHECK: is 48 bytes into a 'struct image' heap allocation of 80 bytes; subobject at that offset: 'int'

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct image *img = malloc(sizeof(struct image));
  memset(img, 0, sizeof *img);
  img->rows[2].px[3].g = 200;
  struct rgb *p = pixel(&img->rows[2].px[3]);                     /* deep element: silent */
  struct pixel_row *row = (struct pixel_row *)(void *)&img->rows[1];   /* silent */
  long *sum = (long *)(void *)((char *)img + offsetof(struct image, checksum));   /* silent */
  struct rgb *q = pixel(&img->rows[2].y);                         /* the bug: the row's y, not a pixel */
  printf("g %d row %td sum %ld\n", p->g, (char *)row - (char *)img, *sum);
  // CHECK: g 200 row 28 sum 0
  printf("q is %td bytes before px[0]\n", (char *)&img->rows[2].px[0] - (char *)q);
  // CHECK: q is 4 bytes before px[0]
  free(img);
  puts("done");
  // CHECK: done
  return 0;
}
