/* C-style inheritance (struct animal first): upcasts and right downcasts pass; a dog downcast to a cat fails. */
#include <stdio.h>
#include <stdlib.h>

enum species { DOG, CAT };
struct animal { enum species kind; const char *name; };
struct dog { struct animal base; int bones; };
struct cat { struct animal base; double lives; };

static struct animal *new_dog(const char *name)
{
  struct dog *d = malloc(sizeof *d);
  d->base.kind = DOG;
  d->base.name = name;
  d->bones = 3;
  return (struct animal *)d;                 /* upcast: silent */
}

static struct animal *new_cat(const char *name)
{
  struct cat *c = malloc(sizeof *c);
  c->base.kind = CAT;
  c->base.name = name;
  c->lives = 9;
  return &c->base;
}

static void speak(struct animal *a)
{
  if (a->kind == DOG)
    printf("%s has %d bones\n", a->name, ((struct dog *)a)->bones);   /* right downcast */
    // CHECK-NOT: struct_inheritance_downcast.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  else
    printf("%s has %g lives\n", a->name, ((struct cat *)a)->lives);   /* right downcast */
    // CHECK-NOT: struct_inheritance_downcast.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct animal *zoo[2] = { new_dog("rex"), new_cat("tom") };
  for (int i = 0; i < 2; i++)
    speak(zoo[i]);
  // CHECK: rex has 3 bones
  // CHECK: tom has 9 lives
  struct cat *confused = (struct cat *)zoo[0];   /* the bug: zoo[0] is a dog */
  // CHECK: struct_inheritance_downcast.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct cat *' (is_a)
  // CHECK: is 0 bytes into a 'struct dog' heap allocation of 24 bytes
  // CHECK: allocated by malloc in new_dog
  printf("confused %s\n", confused->base.name);
  // CHECK: confused rex
  free(zoo[0]);
  free(zoo[1]);
  puts("done");
  // CHECK: done
  return 0;
}
