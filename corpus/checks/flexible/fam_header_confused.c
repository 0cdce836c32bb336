/* Blobs with a flexible array member: the right header struct passes; another header struct over the same bytes fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text_blob { unsigned len; char text[]; };
struct num_blob { unsigned count; unsigned pad; double nums[]; };

static void *make_text(const char *s)
{
  size_t n = strlen(s) + 1;
  struct text_blob *b = malloc(sizeof(struct text_blob) + n);
  b->len = (unsigned)n;
  memcpy(b->text, s, n);
  return b;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *blob = make_text("hello");
  struct text_blob *t = blob;                             /* right: silent */
  // CHECK-NOT: fam_header_confused.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%u %s\n", t->len, t->text);
  // CHECK: 6 hello
  struct num_blob *nb = blob;                             /* the bug: it is a text blob */
  // CHECK: fam_header_confused.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct num_blob *' (is_a)
  // CHECK: is 0 bytes into a 'struct text_blob' heap allocation of 10 bytes
  // CHECK: allocated by malloc in make_text {{.*}}fam_header_confused.c:[[@LINE-17]]:
  printf("count %u\n", nb->count);
  // CHECK: count 6
  free(blob);
  puts("done");
  // CHECK: done
  return 0;
}
