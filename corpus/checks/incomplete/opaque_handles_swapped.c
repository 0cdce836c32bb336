/* named_a: a struct writer handle passed where a struct reader is expected fails; each in its place passes. */
#include <stdio.h>
#include <stdlib.h>

struct reader;
struct writer;

static void *reader_open(const char *name)
{
  struct reader { const char *name; long pos; };
  struct reader *r = malloc(sizeof *r);
  r->name = name;
  r->pos = 0;
  return r;
}

static void *writer_open(const char *name)
{
  struct writer { long written; const char *name; int flags; };
  struct writer *w = malloc(sizeof *w);
  w->written = 0;
  w->name = name;
  w->flags = 1;
  return w;
}

static int reads, writes;

static void reader_read(void *handle)
{
  struct reader *r = handle;               /* checked: named_a(handle, "reader") */
  // CHECK: opaque_handles_swapped.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct reader *' (named_a)
  // CHECK: is 0 bytes into a 'struct writer' heap allocation of 24 bytes
  reads += r != NULL;
}

static void writer_write(void *handle)
{
  struct writer *w = handle;               /* checked: named_a(handle, "writer") */
  writes += w != NULL;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  void *in = reader_open("in.txt");
  void *out = writer_open("out.txt");
  writer_write(out);                        /* silent */
  reader_read(out);                         /* the bug: swapped handles */
  reader_read(in);                          /* silent */
  writer_write(out);                        /* silent */
  printf("reads %d writes %d\n", reads, writes);
  // CHECK: reads 2 writes 2
  free(in);
  free(out);
  puts("done");
  // CHECK: done
  return 0;
}
