/* The same casts into a thousand new untyped chunks: each records an inferred typing, as the first did. The C layer
 * repeats such a check's typing itself once the runtime has made one (check_slow.c, verdicts that record a typing), and
 * must end each as the runtime would: a first cast into untyped memory passes; one that disagrees with the typing there
 * re-types it, and one whose object would overlap another typing replaces it, both unknown storage ("inferred type
 * differs"); a cast past a chunk's typed head types the memory there and is unknown ("past typed head"), and a later cast
 * there is checked against that typing. So the totals are those of the runtime alone: the third build keeps every check
 * with the runtime (verbosity=2, which notes each check) and is held to the same totals. */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
// ALLOCSCC-FLAGS: -O2 -DEVERY_CHECK_IN_THE_RUNTIME
#include <stdio.h>
#include <stdlib.h>

struct obj { int x; double y; };             /* 16 bytes */
struct other { void *p; int n; };            /* 16 bytes */
struct wide { long a, b, c; };               /* 24 bytes */
struct hdr { long a, b; };                   /* 16 bytes */

static void *(*allocate)(size_t) = malloc;   /* through a pointer: no allocation site types the chunk */

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
#ifdef EVERY_CHECK_IN_THE_RUNTIME
  setenv("LIBALLOCS_OPTIONS", "print_summary=1:verbosity=2", 1);
#else
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);
#endif
  long sum = 0;
  for (int i = 0; i < 1000; i++)
  {
    char *raw = allocate(64);
    struct obj *o = (struct obj *)(raw + 16);        /* typed there: passes */
    o->x = i;
    struct other *f = (struct other *)(raw + 16);    /* disagrees: re-typed, unknown */
    f->n = 1;
    struct wide *w = (struct wide *)(raw + 8);       /* overlaps the typing at 16: replaces it, unknown */
    w->a = 2;
    struct hdr *h = malloc(sizeof(struct hdr) + 24); /* typed head, then untyped bytes */
    struct obj *past = (struct obj *)((char *)h + sizeof(struct hdr) + 8);   /* past the head: typed, unknown */
    past->x = 3;
    struct obj *again = (struct obj *)((char *)h + sizeof(struct hdr) + 8);  /* checked against that typing: passes */
    sum += o->x + f->n + w->a + again->x;
    free(h);
    free(raw);
  }
  printf("sum %ld\n", sum);
  return 0;
}
// CHECK: sum 505500
// CHECK-NOT: runtime error
// CHECK: liballocs: 6000 checks begun: 3000 passed ({{[0-9]+}} via cache), 0 failed, 3000 unknown storage, 0 suppressed
// CHECK: liballocs: 4000 inferred typings: objects in untyped heap memory typed by casts
// CHECK: liballocs: unknown storage by cause: 1000 past typed head, 2000 inferred type differs
// CHECK: 1000x {{.*}}typings_repeated_in_new_chunks.c:35:{{[0-9]+}} (inferred type differs)
// CHECK: 1000x {{.*}}typings_repeated_in_new_chunks.c:37:{{[0-9]+}} (inferred type differs)
// CHECK: 1000x {{.*}}typings_repeated_in_new_chunks.c:40:{{[0-9]+}} (past typed head)
