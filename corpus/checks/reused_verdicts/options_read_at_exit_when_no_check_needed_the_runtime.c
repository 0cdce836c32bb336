/* A process whose every check the C layer answered alone (casts to their chunks' own site type) never starts the runtime
 * while it runs; given LIBALLOCS_OPTIONS, it starts it at exit, so that a malformed option is reported as in any other. */
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int value; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "no_such_option=1", 1);
  int sum = 0;
  for (int i = 0; i < 10; i++)
  {
    void *p = malloc(sizeof(struct node));
    struct node *n = (struct node *)p;
    // CHECK-NOT: options_read_at_exit_when_no_check_needed_the_runtime.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    n->value = i;
    sum += n->value;
    free(n);
  }
  printf("sum %d\n", sum);
  // CHECK: sum 45
  puts("done");
  // CHECK: done
  // CHECK: liballocs: unknown option 'no_such_option' in LIBALLOCS_OPTIONS; ignored
  return 0;
}
