/* A bump arena over a static buffer: chunks are children of the static allocation; reset forgets them all. */
// ALLOCSCC-FLAGS: --allocators %S/arena.yaml
#include <allocs.h>
#include <stdio.h>

struct arena { unsigned char *base; size_t used, size; };
struct sample { float level; int channel; };
struct event { long when; short code; };

static unsigned char storage[4096];
static struct arena scratch = { storage, 0, sizeof storage };

void *arena_push(struct arena *a, size_t count, size_t size)
{
  size_t n = (count * size + 15) & ~(size_t)15;
  void *p = a->base + a->used;
  a->used += n;
  return p;
}

void arena_reset(struct arena *a) { a->used = 0; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sample *s = arena_push(&scratch, 8, sizeof(struct sample));
  struct alloc_info up;
  printf("%s %s; parent %s\n", alloc_get_allocator(&s[5])->name, UNIQTYPE_NAME(alloc_get_type(s)),
    alloc_get_info_at_level(s, 1, &up) == 0 ? up.allocator->name : "none");
  // CHECK: arena __ARR8_sample; parent static
  void *any = &s[2];
  struct event *e = any;                          /* the bug */
  // CHECK: arena_static.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct event *' (is_a)
  // CHECK: is 16 bytes into a 'struct sample[8]' arena allocation of 64 bytes
  arena_reset(&scratch);
  printf("after reset: %s\n", alloc_get_allocator(s)->name);
  // CHECK: after reset: static
  printf("%d\n", e != NULL);
  // CHECK: 1
  puts("done");
  // CHECK: done
  return 0;
}
