/* A cast of a pointer into a freed heap chunk is reported, whatever type it names, with where the
 * chunk was freed and where it was allocated; the quarantine keeps the chunk from being handed out
 * again meanwhile. Double free and realloc of a freed chunk are refused with a message. */
// ALLOCSCC-FLAGS: -g
#include <stdio.h>
#include <stdlib.h>

struct node { int key; struct node *next; };
struct other { double value; };

static void release(struct node *n)
{
  free(n);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct node *n = malloc(sizeof(struct node));
  n->key = 1;
  release(n);
  void *stale = n;
  struct node *again = (struct node *)stale;      /* right type, but freed */
  // CHECK: cast_into_freed_chunk.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct node *' (is_a) into freed memory
  // CHECK: is 0 bytes into a freed 'struct node' heap allocation of 16 bytes
  // CHECK: freed by free called from release {{.*}}cast_into_freed_chunk.c:13:
  // CHECK: previously allocated by malloc in main {{.*}}cast_into_freed_chunk.c:19:
  // CHECK: SUMMARY: liballocs: use-after-free {{.*}}cast_into_freed_chunk.c:[[@LINE-5]]:
  struct other *o = (struct other *)(void *)&n->next;   /* into the middle, another type */
  // CHECK: cast_into_freed_chunk.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct other *' (is_a) into freed memory
  // CHECK: is 8 bytes into a freed 'struct node' heap allocation of 16 bytes
  int reused = 0;
  for (int i = 0; i < 1000; i++)
  {
    struct node *fresh = malloc(sizeof(struct node));
    reused += (void *)fresh == stale;
    struct node *ok = (struct node *)(void *)fresh;  /* a live chunk: silent */
    // CHECK-NOT: cast_into_freed_chunk.c:[[@LINE-1]]:
    free(ok);
  }
  printf("reused while quarantined: %d\n", reused);
  // CHECK: reused while quarantined: 0
  free(stale);
  // CHECK: liballocs: double free of the heap chunk at 0x{{[0-9a-f]+}} (it waits in the quarantine); ignored
  void *grown = realloc(stale, 64);
  // CHECK: liballocs: realloc of the freed heap chunk at 0x{{[0-9a-f]+}} (it waits in the quarantine); ignored
  printf("realloc gave %s\n", grown ? "memory" : "null");
  // CHECK: realloc gave null
  printf("%d\n", again != NULL && o != NULL);
  // CHECK: 1
  return 0;
}
