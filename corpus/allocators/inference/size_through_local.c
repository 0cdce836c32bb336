/* A size computed into a local before the call still types the allocation. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

struct rec { long id; double weight; };
struct tag { char name[16]; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t count = 5;
  size_t bytes = count * sizeof(struct rec);
  struct rec *recs = malloc(bytes);
  printf("type %s\n", UNIQTYPE_NAME(alloc_get_type(recs)));
  // CHECK: type __ARR5_rec
  void *third = &recs[2];
  struct tag *t = third;                          /* the bug: a record is no tag */
  // CHECK: size_through_local.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct tag *' (is_a)
  // CHECK: is 32 bytes into a 'struct rec[5]' heap allocation of 80 bytes
  // CHECK: allocated by malloc in main {{.*}}size_through_local.c:14:{{[0-9]+}}
  printf("tag %s\n", t != NULL ? "set" : "null");
  free(recs);
  puts("done");
  // CHECK: done
  return 0;
}
