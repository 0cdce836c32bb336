/* Fifty chunks of one allocation site cast wrongly at one cast site: one report, fifty occurrences. */
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int value; };
struct leaf { double weight; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct node *head = NULL;
  for (int i = 0; i < 50; i++)
  {
    struct node *n = malloc(sizeof *n);
    n->value = i;
    n->next = head;
    head = n;
  }
  int visited = 0;
  for (struct node *n = head; n; n = n->next)
  {
    struct leaf *l = (struct leaf *)n;      /* the bug: nodes are not leaves */
    // CHECK: loop_many_chunks_same_site.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct leaf *' (is_a)
    // CHECK: allocated by malloc in main {{.*}}loop_many_chunks_same_site.c:[[@LINE-10]]:
    visited += l != NULL;
  }
  printf("visited %d\n", visited);
  // CHECK: visited 50
  while (head)
  {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  puts("done");
  // CHECK: done
  // CHECK: liballocs: 1 distinct report:
  // CHECK: 50x {{.*}}loop_many_chunks_same_site.c:22:{{[0-9]+}} bad cast to 'struct leaf *' (is_a)
  return 0;
}
