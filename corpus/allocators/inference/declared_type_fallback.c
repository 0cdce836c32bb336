/* No sizeof in the size: the receiving pointer's type is used when it is unambiguous. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>

struct account { long number; double balance; };

static size_t account_bytes(void) { return 16; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct account *a = malloc(account_bytes());
  printf("type %s\n", UNIQTYPE_NAME(alloc_get_type(a)));
  // CHECK: type account
  void *raw = malloc(account_bytes());
  printf("raw %s\n", UNIQTYPE_NAME(alloc_get_type(raw)));
  // CHECK: raw (unknown type)
  free(a);
  free(raw);
  puts("done");
  // CHECK: done
  return 0;
}
