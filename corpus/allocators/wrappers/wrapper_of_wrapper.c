/* A wrapper of a wrapper: the chunk is named after the outer one and sited at its caller. */
// ALLOCSCC-FLAGS: --allocators %S/layered.yaml
#include <allocs.h>
#include <liballocs_meta.h>
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int value; };

void *xmalloc(size_t n) { void *p = malloc(n); if (!p) abort(); return p; }
void *new_node(size_t n) { return xmalloc(n); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct node *n = new_node(sizeof(struct node));
  const struct __liballocs_allocsite *site = alloc_get_site(n);
  printf("%s %s line %u\n", alloc_get_allocator(n)->name, UNIQTYPE_NAME(alloc_get_type(n)), site ? site->line : 0);
  // CHECK: node_new node line 16
  void *inner = &n->value;
  struct node *wrong = inner;                     /* the bug: a member is no node */
  // CHECK: wrapper_of_wrapper.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a)
  // CHECK: allocated by new_node in main {{.*}}wrapper_of_wrapper.c:16:{{[0-9]+}}
  printf("%d\n", wrong != NULL);
  // CHECK: 1
  free(n);
  puts("done");
  // CHECK: done
  return 0;
}
