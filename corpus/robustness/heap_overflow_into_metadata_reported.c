/* A program that overflows a heap chunk into the runtime's metadata (the trailer after the bytes it asked for) is told so,
 * once per chunk, by the first check that meets the chunk, with where the chunk was allocated; checks there then answer
 * "unknown storage" (counted by cause), the program keeps running, and free and realloc trust nothing the trailer says. */
#include <allocs.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair { long a, b; };

/* The program's overflow, at `word` past its chunk: one bit of the word there changed (no casts: they would be checks). */
static void flip_bit(char *word, int bit)
{
  unsigned long w;
  memcpy(&w, word, sizeof w);
  w ^= 1ul << bit;
  memcpy(word, &w, sizeof w);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read when the first check starts the runtime */
  long *small = malloc(sizeof(long));
  volatile long *overflow = small;
  /* The program's bug: it writes 16 bytes past the bytes malloc_usable_size grants, over what (in this runtime's layout)
   * holds the chunk's size and allocation site: a plausible size, and a site pointer to nowhere. The size word it writes is
   * the one malloc wrote with one bit of its check value changed, so that no run can write the right value by chance (1 in
   * 16384 would). */
  size_t w = malloc_usable_size(small) / sizeof(long);
  long size_word = overflow[w];
  overflow[0] = 1;
  overflow[w] = size_word ^ (1L << 48);
  overflow[w + 1] = 0x4141414141414141L;
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
  /* free trusts nothing a damaged trailer says, its freed mark included: the chunk may as well wait in the quarantine, so it
   * is not given to glibc (no false double free, no real one), said on stderr. */
  free(small);
  // CHECK-NOT: double free
  // CHECK: liballocs: free of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); not given to glibc, which could get it twice
  /* A damaged word that looks freed: the same, never a double-free message. */
  long *marked = malloc(sizeof(long));
  volatile long *over = marked;
  size_t mw = malloc_usable_size(marked) / sizeof(long);
  over[mw] = (long)((unsigned long)over[mw] ^ (1ul << 63) ^ (1ul << 48));
  free(marked);
  // CHECK-NOT: double free
  // CHECK: liballocs: free of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); not given to glibc, which could get it twice
  /* realloc (which would carry the site over) copies what the chunk held into a new one. */
  char *volatile text = malloc(5);
  memcpy(text, "xxxx", 5);
  flip_bit(text + malloc_usable_size(text), 48);
  char *moved = realloc(text, 64);
  // CHECK: liballocs: realloc of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); not given to glibc, which could get it twice
  printf("realloc kept %s\n", moved);
  // CHECK: realloc kept xxxx
  free(moved);
  /* Overwritten everywhere (site and caller too), then freed: the heap goes on. */
  char *volatile plain = malloc(5);
  long plain_word;
  size_t pu = malloc_usable_size(plain);
  memcpy(&plain_word, plain + pu, sizeof plain_word);
  memset(plain, 'y', pu + 3 * sizeof(long));   /* the trailer's three words */
  memcpy(plain + pu, &plain_word, sizeof plain_word);
  flip_bit(plain + pu, 49);
  free(plain);
  // CHECK: liballocs: free of the heap chunk at 0x{{[0-9a-f]+}}: its metadata was overwritten (did its data overflow?); not given to glibc, which could get it twice
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
