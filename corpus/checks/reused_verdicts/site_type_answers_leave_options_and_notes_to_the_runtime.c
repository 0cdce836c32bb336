/* Casts the C layer would answer alone (each to its chunk's own site type) still meet the options a user gives: at verbosity 2
 * the runtime answers, and notes, every one; a malformed option is reported though no check needed the runtime (it loads at
 * exit to read them). */
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *next; int value; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "verbosity=2:no_such_option=1", 1);   /* read at the first check */
  void *p = malloc(sizeof(struct node));
  struct node *n = (struct node *)p;
  // CHECK: liballocs: unknown option 'no_such_option' in LIBALLOCS_OPTIONS; ignored
  // CHECK: liballocs: note: is_a {{0x[0-9a-f]+}} to 'struct node *' at {{.*}}site_type_answers_leave_options_and_notes_to_the_runtime.c:[[@LINE-2]]:{{[0-9]+}}: passed
  // CHECK-NOT: runtime error
  n->value = 1;
  printf("value %d\n", n->value);
  // CHECK: value 1
  free(n);
  puts("done");
  // CHECK: done
  return 0;
}
