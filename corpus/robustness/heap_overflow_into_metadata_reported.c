/* A program that overflows a heap chunk into the runtime's metadata (the trailer after the bytes it asked for) is told so,
 * once per chunk, by the first check that meets the chunk, with where the chunk was allocated; checks there then answer
 * "unknown storage" (counted by cause), the program keeps running, and free and realloc trust nothing the trailer says. */
#include <allocs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair { long a, b; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read when the first check starts the runtime */
  long *small = malloc(sizeof(long));
  volatile long *overflow = small;
  /* The program's bug: it writes 16 bytes past its 8, over what (in this runtime's layout) holds the chunk's size and
   * allocation site: a plausible size, and a site pointer to nowhere. */
  overflow[0] = 1;
  overflow[1] = (long)sizeof(long);
  overflow[2] = 0x4141414141414141L;
  struct pair *view = (struct pair *)small;     /* a bad cast, but the chunk's type is lost */
  // CHECK: heap_overflow_into_metadata_reported.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: heap metadata of the chunk at 0x{{[0-9a-f]+}} was overwritten (did the chunk's data overflow?)
  // CHECK-NEXT: 0x{{[0-9a-f]+}} is 0 bytes into that chunk; its size and type, kept after its first {{[0-9]+}} bytes, were written over, so checks in it answer "unknown storage" from now on
  // CHECK: allocated by a call from main
  struct pair *again = (struct pair *)small;    /* the same chunk: counted, not reported again */
  // CHECK-NOT: heap_overflow_into_metadata_reported.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("allocator %s, type %s\n", alloc_get_allocator(small) ? "known" : "unknown",
    UNIQTYPE_NAME(alloc_get_type(small)));
  // CHECK: allocator known, type {{.*}}
  printf("survived %d\n", view != NULL && again != NULL);
  // CHECK: survived 1
  /* free and realloc check only a freed mark against the check value (they must stay cheap): this chunk's damaged word has
   * none, so it is freed as usual, its size kept inside the chunk. */
  free(small);
  // CHECK-NOT: double free
  /* A damaged word that looks freed: the chunk may be live or wait in the quarantine (nobody can tell), so free keeps it,
   * said on stderr, rather than a false double free or a real one. */
  long *marked = malloc(sizeof(long));
  volatile long *over = marked;
  over[1] = -1L;
  free(marked);
  // CHECK: liballocs: free of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); kept, never given back to glibc
  /* realloc checks every damaged trailer (its site would be carried over): it copies what the chunk held into a new one. */
  char *volatile text = malloc(5);
  memcpy(text, "xxxx", 5);
  memset(text + 8, 0xff, 8);
  char *moved = realloc(text, 64);
  // CHECK: liballocs: realloc of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); kept, never given back to glibc
  printf("realloc kept %s\n", moved);
  // CHECK: realloc kept xxxx
  free(moved);
  /* Overwritten everywhere (the site too), no freed mark: freed as usual, and the heap goes on. */
  char *volatile plain = malloc(5);
  memset(plain, 'y', 5 + 32);
  free(plain);
  char *after = malloc(5);
  printf("malloc after %d\n", after != NULL);
  // CHECK: malloc after 1
  free(after);
  // CHECK-NOT: internal error
  printf("done\n");
  // CHECK: done
  // CHECK: liballocs: 2 checks begun: 0 passed (0 via cache), 0 failed, 2 unknown storage, 0 suppressed
  // CHECK: liballocs: heap metadata overwritten in 1 chunk (reported above)
  // CHECK: liballocs: unknown storage by cause: 2 overwritten heap metadata
  return 0;
}
