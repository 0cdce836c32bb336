/* Refining function pointer casts pass: int-returning as void-returning, void * parameter as a specific pointer. */
#include <stdio.h>
#include <stdlib.h>

struct thing { int id; };

static int freed;
static int log_id(int id) { printf("id %d\n", id); return id; }
static void destroy(void *p) { free(p); freed++; }

struct callbacks { void (*on_id)(int); void (*on_destroy)(struct thing *); };

static void *as_symbol(void *f) { return f; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct callbacks cb;
  cb.on_id = (void (*)(int))as_symbol((void *)log_id);                  /* F returns void: silent */
  // CHECK-NOT: fnptr_refinement_rules.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  cb.on_destroy = (void (*)(struct thing *))as_symbol((void *)destroy);  /* void * parameter: silent */
  // CHECK-NOT: fnptr_refinement_rules.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  cb.on_destroy = (void (*)(struct thing *))destroy;                    /* direct: silent */
  // CHECK-NOT: fnptr_refinement_rules.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  struct thing *t = malloc(sizeof *t);
  t->id = 5;
  cb.on_id(t->id);
  // CHECK: id 5
  cb.on_destroy(t);
  printf("freed %d\n", freed);
  // CHECK: freed 1
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
