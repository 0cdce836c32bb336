/* Sibling blocks may reuse one stack slot: the check follows the local in scope, not a stale one. */
#include <stdio.h>

struct account { long id; double balance; };
struct ticket { int seat; int row; char code[8]; };

static const void *keep;

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int round = 0; round < 2; round++)
  {
    {
      struct account acct = { 9, 10.0 };
      struct account *a = (struct account *)(void *)&acct;   /* right: silent */
      printf("account %ld\n", a->id);
      // CHECK: account 9
    }
    {
      struct ticket tk = { 12, 3, "A12" };
      struct ticket *t = (struct ticket *)(void *)&tk;       /* right: silent */
      keep = (struct account *)(void *)&tk;                 /* the bug: a ticket is no account */
      // CHECK: stack_sibling_scopes.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct account *' (is_a)
      // CHECK: is 0 bytes into a 'struct ticket' stack allocation of 16 bytes
      // CHECK: declared as 'tk' in main {{.*}}stack_sibling_scopes.c:[[@LINE-5]]:
      printf("ticket %d\n", t->seat);
      // CHECK: ticket 12
    }
  }
  puts("done");
  // CHECK: done
  return 0;
}
