/* binary_trees.c: allocation-bound, no casts: builds and walks complete binary trees of typed nodes (the shape of the
 * benchmarks-game workload), so a checked build pays for its heap index and quarantine, never for a check.
 * Usage: binary_trees DEPTH */
#include <stdio.h>
#include <stdlib.h>

struct tree_node { struct tree_node *left, *right; };

static struct tree_node *build(int depth)
{
  struct tree_node *n = malloc(sizeof *n);
  if (depth > 0)
  {
    n->left = build(depth - 1);
    n->right = build(depth - 1);
  }
  else
    n->left = n->right = NULL;
  return n;
}

static long count(const struct tree_node *n)
{
  return n->left ? 1 + count(n->left) + count(n->right) : 1;
}

static void release(struct tree_node *n)
{
  if (n->left)
  {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv)
{
  int max_depth = argc > 1 ? atoi(argv[1]) : 18;
  struct tree_node *long_lived = build(max_depth);
  for (int depth = 4; depth <= max_depth; depth += 2)
  {
    int iterations = 1 << (max_depth - depth + 4);
    long nodes = 0;
    for (int i = 0; i < iterations; i++)
    {
      struct tree_node *t = build(depth);
      nodes += count(t);
      release(t);
    }
    printf("%d trees of depth %d: %ld nodes\n", iterations, depth, nodes);
  }
  printf("long lived tree of depth %d: %ld nodes\n", max_depth, count(long_lived));
  release(long_lived);
  return 0;
}
