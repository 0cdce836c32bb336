/* The record of who freed a chunk lives in the chunk's first bytes while it waits in the quarantine (the program gave them
 * up). A program that keeps writing into the freed chunk there (`n->next = NULL`, or another pointer, after the free) wipes
 * that record: the chunk is still reported as freed, with its free's caller unknown, never passed as live memory nor (but
 * for a write matching the record's 16-bit check value, 1 in 65536) named with a made-up caller. */
// ALLOCSCC-FLAGS: -g
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int key; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct node *n = malloc(sizeof(struct node));
  n->key = 1;
  free(n);
  volatile struct node *dangling = n;
  dangling->next = NULL;                           /* the program's use after free: a write over the record */
  struct node *again = (struct node *)(void *)n;
  // CHECK: writes_after_free_keep_it_freed.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  // CHECK: is 0 bytes into a freed 'struct node' heap allocation of 16 bytes
  // CHECK: freed by free called from an unknown place (its record was lost: the program wrote over it after the free)
  // CHECK: previously allocated by malloc in main {{.*}}writes_after_free_keep_it_freed.c:14:
  struct node *k = malloc(sizeof(struct node));
  free(k);
  volatile struct node *relinked = k;
  relinked->next = n;                              /* a pointer this time, not 0 */
  struct node *back = (struct node *)(void *)k;
  // CHECK: writes_after_free_keep_it_freed.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  // CHECK: freed by free called from an unknown place (its record was lost: the program wrote over it after the free)
  struct node *m = malloc(sizeof(struct node));
  free(m);
  volatile struct node *other = m;
  other->key = 7;                                  /* a write past the record leaves it whole */
  struct node *stale = (struct node *)(void *)m;
  // CHECK: writes_after_free_keep_it_freed.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  // CHECK: freed by free called from main {{.*}}writes_after_free_keep_it_freed.c:32:
  printf("done %d\n", again == (void *)n && back == (void *)k && stale == (void *)m);
  // CHECK: done 1
  return 0;
}
