/* A const table in read-only data: const views pass; a const view of the wrong struct fails. */
#include <stdio.h>
#include <string.h>

struct op { const char *name; int opcode; int arity; };    /* 16 bytes */
struct cmd { int id; int flags; const char *help; };       /* 16 bytes */

static const struct op ops[] = {
  { "add", 1, 2 }, { "neg", 2, 1 }, { "mul", 3, 2 },
};

static const void *pick(const char *name)
{
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strcmp(ops[i].name, name) == 0)
      return &ops[i];
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  const struct op *o = (const struct op *)pick("neg");    /* right: silent */
  // CHECK-NOT: static_const_table.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%s arity %d\n", o->name, o->arity);
  // CHECK: neg arity 1
  const struct op *none = (const struct op *)pick("div");  /* null: silent */
  printf("div %s\n", none ? "found" : "missing");
  // CHECK: div missing

  const struct cmd *c = (const struct cmd *)pick("mul");  /* the bug: ops are not commands */
  // CHECK: static_const_table.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const struct cmd *' (is_a)
  // CHECK: is 32 bytes into a 'struct op[3]' static allocation of 48 bytes
  // CHECK: defined as 'ops'
  printf("cmd %s\n", c ? "non-null" : "null");
  // CHECK: cmd non-null
  puts("done");
  // CHECK: done
  return 0;
}
