/* A free list through (void **)obj: objects starting with a pointer pass; a struct vec3 (a double) fails. */
#include <stdio.h>
#include <stdlib.h>

struct chunk { struct chunk *next; char payload[24]; };
struct vec3 { double x, y, z; };

static void *free_list;
static int length;

static void push(void *obj)
{
  void **link = (void **)obj;                       /* checked: obj's first word must be a pointer */
  // CHECK: void_pp_first_member.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'void **' (loosely_like_a)
  // CHECK: is 0 bytes into a 'struct vec3' heap allocation of 24 bytes; subobject at that offset: 'double'
  // CHECK: allocated by malloc in main {{.*}}void_pp_first_member.c:28:
  *link = free_list;
  free_list = obj;
  length++;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct chunk *c1 = malloc(sizeof *c1), *c2 = malloc(sizeof *c2);
  push(c1);                                          /* silent */
  push(c2);                                          /* silent */
  struct vec3 *v = malloc(sizeof *v);
  push(v);                                           /* the bug: a vec3 has no link word */
  printf("list length %d, head is v: %s\n", length, free_list == (void *)v ? "yes" : "no");
  // CHECK: list length 3, head is v: yes
  free(c1); free(c2); free(v);
  puts("done");
  // CHECK: done
  return 0;
}
