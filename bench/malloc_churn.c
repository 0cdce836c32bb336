/* malloc_churn.c: a malloc-heavy workload (linked lists and trees of typed nodes, built and
 * freed), for the ratio of instrumented to plain run time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { struct node *next; long value; char tag[8]; };
struct tree { struct tree *left, *right; double key; };

static struct tree *insert(struct tree *t, double key)
{
  if (!t)
  {
    t = malloc(sizeof *t);
    t->left = t->right = NULL;
    t->key = key;
    return t;
  }
  if (key < t->key) t->left = insert(t->left, key);
  else t->right = insert(t->right, key);
  return t;
}

static double drop(struct tree *t)
{
  if (!t) return 0;
  double s = t->key + drop(t->left) + drop(t->right);
  free(t);
  return s;
}

int main(int argc, char **argv)
{
  long rounds = argc > 1 ? atol(argv[1]) : 200;
  unsigned seed = 12345;
  double total = 0;
  for (long r = 0; r < rounds; r++)
  {
    struct node *list = NULL;
    for (int i = 0; i < 5000; i++)
    {
      struct node *n = malloc(sizeof(struct node));
      n->next = list; n->value = i; memcpy(n->tag, "abcdefg", 8);
      list = n;
    }
    struct tree *t = NULL;
    for (int i = 0; i < 2000; i++)
    {
      seed = seed * 1103515245u + 12345u;
      t = insert(t, (double)(seed >> 8));
    }
    char *buf = malloc(1 + r % 4096);
    buf = realloc(buf, 8192);
    free(buf);
    while (list) { struct node *next = list->next; total += list->value; free(list); list = next; }
    total += drop(t);
  }
  printf("%.0f\n", total);
  return 0;
}
