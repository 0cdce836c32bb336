/* Implicit void * -> T * conversions are checked: a generic registry hands back the wrong object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct user { int id; char name[20]; };               /* 24 bytes */
struct group { int gid; int members; double quota; }; /* 16 bytes */

static void *registry[4];

static void *lookup(int slot) { return registry[slot]; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct user *u = malloc(sizeof *u);
  u->id = 7;
  strcpy(u->name, "ada");
  struct group *g = malloc(sizeof(struct group));
  g->gid = 100; g->members = 3; g->quota = 1.5;
  registry[0] = u;
  registry[1] = g;

  struct user *found = lookup(0);        /* right: slot 0 holds a user */
  printf("user %d %s\n", found->id, found->name);
  // CHECK: user 7 ada
  struct group *grp = lookup(1);         /* right: slot 1 holds a group */
  printf("group %d has %d\n", grp->gid, grp->members);
  // CHECK: group 100 has 3

  struct group *wrong = lookup(0);       /* the bug: slot 0 holds a user */
  // CHECK: heap_implicit_void_conversion.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct group *' (is_a)
  // CHECK: is 0 bytes into a 'struct user' heap allocation of 24 bytes
  // CHECK: allocated by malloc in main {{.*}}heap_implicit_void_conversion.c:[[@LINE-18]]:
  printf("wrong is %s\n", (void *)wrong == (void *)u ? "the user" : "?");
  // CHECK: wrong is the user

  free(u);
  free(g);
  puts("done");
  // CHECK: done
  return 0;
}
