/* An untyped buffer grown by realloc: its first base cast types it as records; a cast to another struct fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int id; int len; double score; };   /* 16 bytes */
struct hdr { long magic; long size; };           /* 16 bytes */

static size_t fill(char *buf, size_t n)
{
  memset(buf, 0, n);
  for (size_t i = 0; i < n / sizeof(struct rec); i++)
  {
    struct rec r = { (int)i, 1, i * 1.5 };
    memcpy(buf + i * sizeof r, &r, sizeof r);
  }
  return n / sizeof(struct rec);
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  size_t size = 64;
  void *buf = malloc(size);                      /* no type to infer */
  buf = realloc(buf, size * 2);
  size_t n = fill(buf, size * 2);
  struct rec *recs = buf;                        /* first typed view of the base: sets the type */
  // CHECK-NOT: realloc_untyped_buffer.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("%zu records, last score %g\n", n, recs[n - 1].score);
  // CHECK: 8 records, last score 10.5
  struct rec *fifth = (struct rec *)((char *)buf + 4 * sizeof(struct rec));   /* silent */
  printf("fifth id %d\n", fifth->id);
  // CHECK: fifth id 4
  struct hdr *h = buf;                           /* the bug: it holds records */
  // CHECK: realloc_untyped_buffer.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct hdr *' (is_a)
  // CHECK: heap allocation of 128 bytes
  printf("h %s\n", (void *)h == buf ? "aliases" : "?");
  // CHECK: h aliases
  free(buf);
  puts("done");
  // CHECK: done
  return 0;
}
