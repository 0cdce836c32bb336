/* A chunk whose allocation-site word the program wrote over (it lies past the bytes malloc_usable_size gives, where an
 * overflow lands), the size word beside it intact: the checker never reads through that word, neither to answer a cast nor
 * when the chunk is typed lazily or reallocated; the chunk is then untyped, as though no site had claimed it. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; int value; };

/* Writes an address no site lies at (not even a canonical one: reading it faults) over the site word of the chunk at p (its
 * metadata's second word; liballocs' layout). */
static void overwrite_site(void *p)
{
  void *garbage = (void *)0x4141414141414140ul;
  memcpy((char *)p + malloc_usable_size(p) + sizeof(void *), &garbage, sizeof garbage);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *p = malloc(sizeof(struct node));
  overwrite_site(p);
  struct node *n = (struct node *)p;   /* typed lazily as struct node */
  // CHECK-NOT: heap_site_word_overwritten.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  n->value = 1;
  void *q = malloc(sizeof(struct node));
  overwrite_site(q);
  q = realloc(q, 2 * sizeof(struct node));   /* typed by this site: the old site word is not read through */
  struct node *m = (struct node *)q;
  // CHECK-NOT: heap_site_word_overwritten.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  m->value = 2;
  printf("values %d %d\n", n->value, m->value);
  // CHECK: values 1 2
  free(n);
  free(m);
  puts("done");
  // CHECK: done
  // CHECK-NOT: runtime error
  return 0;
}
