/* A global struct config handed to code expecting struct stats: reported with the global's name. */
#include <stdio.h>

struct config { int verbose; int retries; double timeout; char name[16]; };   /* 32 bytes */
struct stats { long requests; long failures; };

struct config g_config = { 1, 3, 2.5, "server" };

static void bump_failures(void *ctx)
{
  struct stats *st = ctx;                /* checked: ctx must really be a struct stats */
  // CHECK: static_global_wrong_type.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct stats *' (is_a)
  // CHECK: is 0 bytes into a 'struct config' static allocation of 32 bytes
  // CHECK: defined as 'g_config'
  (void)st;
}

static void show_config(void *ctx)
{
  const struct config *c = ctx;          /* right: silent */
  printf("%s retries %d\n", c->name, c->retries);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  bump_failures(&g_config);              /* the bug: wrong callback for this context */
  show_config(&g_config);
  // CHECK: server retries 3
  puts("done");
  // CHECK: done
  return 0;
}
