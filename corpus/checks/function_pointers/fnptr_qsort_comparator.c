/* A comparator kept as a void * (as dlsym returns it) cast back to its exact signature passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { const char *name; int rank; };

static int by_rank(const void *a, const void *b)
{
  const struct entry *x = a, *y = b;         /* elements of the array being sorted: silent */
  return (x->rank > y->rank) - (x->rank < y->rank);
}

static int by_name(const void *a, const void *b)
{
  const struct entry *x = a, *y = b;
  return strcmp(x->name, y->name);
}

struct symbol { const char *name; void *addr; };
static struct symbol symbols[] = { { "by_rank", (void *)by_rank }, { "by_name", (void *)by_name } };

static void *lookup(const char *name)
{
  for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++)
    if (strcmp(symbols[i].name, name) == 0)
      return symbols[i].addr;
  return NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct entry *es = malloc(3 * sizeof *es);
  es[0] = (struct entry){ "carol", 3 };
  es[1] = (struct entry){ "alice", 2 };
  es[2] = (struct entry){ "bob", 1 };
  int (*cmp)(const void *, const void *) = (int (*)(const void *, const void *))lookup("by_rank");
  // CHECK-NOT: fnptr_qsort_comparator.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  qsort(es, 3, sizeof *es, cmp);
  printf("%s %s %s\n", es[0].name, es[1].name, es[2].name);
  // CHECK: bob alice carol
  cmp = (int (*)(const void *, const void *))lookup("by_name");
  // CHECK-NOT: fnptr_qsort_comparator.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  qsort(es, 3, sizeof *es, cmp);
  printf("%s %s %s\n", es[0].name, es[1].name, es[2].name);
  // CHECK: alice bob carol
  cmp = (int (*)(const void *, const void *))lookup("missing");   /* null: silent */
  printf("missing %s\n", cmp ? "found" : "null");
  // CHECK: missing null
  free(es);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
