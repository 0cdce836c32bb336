/* A timer's node on the task list: container_of to struct task lands 8 bytes into the timer, on a double, and fails. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct list_node { struct list_node *next; };
struct task { int id; int pad; struct list_node link; };                     /* link at 8 */
struct timer { long deadline; double period; struct list_node link; };        /* link at 16 */

static int visited;

static void run_tasks(struct list_node *head)
{
  for (struct list_node *n = head; n; n = n->next)
  {
    struct task *t = (struct task *)((char *)n - offsetof(struct task, link));
    // CHECK: container_of_wrong_list.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct task *' (is_a)
    // CHECK: is 8 bytes into a 'struct timer' heap allocation of 24 bytes; subobject at that offset: 'double'
    visited += t != NULL;
  }
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct task *t1 = malloc(sizeof *t1), *t2 = malloc(sizeof *t2);
  struct timer *tm = malloc(sizeof *tm);
  t1->id = 1; t2->id = 2;
  tm->deadline = 100; tm->period = 0.5;
  t1->link.next = &tm->link;                /* the bug: a timer on the task list */
  tm->link.next = &t2->link;
  t2->link.next = NULL;
  run_tasks(&t1->link);
  printf("visited %d\n", visited);
  // CHECK: visited 3
  free(t1); free(t2); free(tm);
  puts("done");
  // CHECK: done
  return 0;
}
