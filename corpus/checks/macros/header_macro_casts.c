/* Casts inside macros defined in a header are checked even where the expansion holds more than the
 * cast: the file repeats the macro's definition with the operand checked (the header is left as it
 * is), and each report names the line of the use. Lua's cast_u passes its operand to cast(t, exp),
 * whose type differs per use, so the check goes where the type is fixed: in cast_gc's body. */
#include <stdio.h>
#include <stdlib.h>
#include "header_macro_casts.h"

static size_t gc_size = GC_SIZE;                  /* unevaluated: no check, and the file still compiles */

static int sizes(struct value *v)
{
  return tvalue(v)->size;                         // CHECK-NOT: header_macro_casts.c:[[@LINE]]:{{[0-9]+}}: runtime error
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct table *t = calloc(1, sizeof *t);
  struct string *s = calloc(1, sizeof *s);
  t->size = 3;
  s->length = 2;
  struct value good = { &t->h, 5 }, bad = { &s->h, 5 };
  printf("table %d\n", sizes(&good));
  // CHECK: table 3
  printf("string %d\n", gco2s(bad.gc)->length == 2);   // CHECK-NOT: header_macro_casts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  // CHECK: string 1
  void *erased = s;
  printf("size %d\n", table_size(erased) >= 0);
  // CHECK: header_macro_casts.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct table *' (is_a)
  // CHECK: is 0 bytes into a 'struct string' heap allocation
  // CHECK: size 1
  int *stranger = calloc(6, sizeof *stranger);   /* as big as a struct table: reading its size stays inside the chunk */
  struct value wrong = { (struct gc_header *) (void *) stranger, 5 };
  // CHECK: header_macro_casts.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct gc_header *' (is_a)
  printf("wrong %d\n", gco2t(wrong.gc)->size == 0);
  // CHECK: header_macro_casts.c:[[@LINE-1]]: runtime error: bad cast to 'union gc_object *' (is_a)
  // CHECK: is 0 bytes into a 'int[6]' heap allocation
  // CHECK: wrong 1
  free(t);
  free(s);
  free(stranger);
  printf("done %d\n", gc_size == sizeof(union gc_object));
  // CHECK: done 1
  return 0;
}
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
