/* named_a: an opaque handle converted to struct widget * must be a struct named widget; a struct gadget fails. */
#include <stdio.h>
#include <stdlib.h>

struct widget;   /* incomplete here, as in the public header of a library */

struct gadget { int serial; double weight; };   /* 16 bytes */

static void *widget_new(int id)
{
  /* The library's private definition (block scope, so the file-scope struct widget stays
   * incomplete): the allocation's type is a struct named widget. */
  struct widget { int id; char name[12]; };
  struct widget *w = malloc(sizeof *w);
  w->id = id;
  snprintf(w->name, sizeof w->name, "widget%d", id);
  return w;
}

static void *gadget_new(void)
{
  struct gadget *g = malloc(sizeof *g);
  g->serial = 99;
  g->weight = 1.0;
  return g;
}

static int registered;
static void widget_register(const void *w) { registered += w != NULL; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct widget *w = widget_new(1);          /* named_a(p, "widget"): silent */
  // CHECK-NOT: opaque_handle_wrong_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  widget_register(w);
  struct widget *none = NULL;
  void *maybe = none;
  struct widget *still_none = maybe;         /* null: silent */
  widget_register(still_none);
  struct widget *g = gadget_new();           /* the bug: a gadget is no widget */
  // CHECK: opaque_handle_wrong_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct widget *' (named_a)
  // CHECK: is 0 bytes into a 'struct gadget' heap allocation of 16 bytes
  // CHECK: allocated by malloc in gadget_new {{.*}}opaque_handle_wrong_struct.c:[[@LINE-22]]:
  widget_register(g);
  printf("registered %d\n", registered);
  // CHECK: registered 2
  free(w);
  free(g);
  puts("done");
  // CHECK: done
  return 0;
}
