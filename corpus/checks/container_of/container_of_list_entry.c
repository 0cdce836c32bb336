/* container_of via offsetof from an embedded list node to its heap, stack or array-element owner passes. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct list_node { struct list_node *next; };
struct task { int id; double priority; struct list_node link; const char *name; };

static struct task *task_of(struct list_node *n)
{
  return (struct task *)((char *)n - offsetof(struct task, link));
  // CHECK-NOT: container_of_list_entry.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct task *heap = malloc(sizeof *heap);
  *heap = (struct task){ 1, 0.5, { NULL }, "heap" };
  struct task local = { 2, 1.5, { &heap->link }, "stack" };
  struct task arr[3] = { { 3, 2.5, { &local.link }, "arr0" }, { 4, 3.5, { &arr[0].link }, "arr1" },
                         { 5, 4.5, { &arr[1].link }, "arr2" } };
  int n = 0;
  for (struct list_node *it = &arr[2].link; it; it = it->next)
  {
    struct task *t = task_of(it);
    printf("%s%s", n++ ? " " : "", t->name);
  }
  printf("\n");
  // CHECK: arr2 arr1 arr0 stack heap
  free(heap);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
