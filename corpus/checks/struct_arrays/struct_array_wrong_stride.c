/* Walking an array of struct big with the stride of struct small lands inside an element. */
#include <stdio.h>
#include <stdlib.h>

struct small { int id; int score; };                   /* 8 bytes */
struct big { int id; int score; double extra[2]; };    /* 24 bytes */

static int score_of(const struct big *b) { return b->score; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct big *players = malloc(4 * sizeof(struct big));
  for (int i = 0; i < 4; i++)
  {
    players[i].id = i;
    players[i].score = 10 * i;
    players[i].extra[0] = players[i].extra[1] = 0;
  }
  char *base = (char *)players;
  int right = score_of((struct big *)(base + 2 * sizeof(struct big)));     /* silent */
  // CHECK-NOT: struct_array_wrong_stride.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  int wrong = score_of((struct big *)(base + 2 * sizeof(struct small)));   /* the bug: wrong stride */
  // CHECK: struct_array_wrong_stride.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct big *' (is_a)
  // CHECK: is 16 bytes into a 'struct big[4]' heap allocation of 96 bytes; subobject at that offset: 'double'
  // CHECK: allocated by malloc in main {{.*}}struct_array_wrong_stride.c:[[@LINE-13]]:
  printf("right %d wrong-is-garbage %s\n", right, wrong == 20 ? "no" : "maybe");
  // CHECK: right 20 wrong-is-garbage maybe
  free(players);
  puts("done");
  // CHECK: done
  return 0;
}
