/* A flexible array of structs: each element passes; a pointer into the middle of an element taken for one fails. */
#include <stdio.h>
#include <stdlib.h>

struct field { short tag; short len; int value; };       /* 8 bytes */
struct packet { int count; struct field fields[]; };     /* 4 bytes + fields */

static int value_of(void *p)
{
  struct field *f = p;
  return f->value;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  int n = 5;
  struct packet *pk = malloc(sizeof(struct packet) + n * sizeof(struct field));
  pk->count = n;
  for (int i = 0; i < n; i++)
    pk->fields[i] = (struct field){ (short)i, 4, 100 + i };
  int first = value_of(&pk->fields[0]);                  /* silent */
  int last = value_of(&pk->fields[4]);                   /* silent */
  short *len = (short *)(void *)&pk->fields[2].len;      /* silent */
  struct field *mid = (struct field *)(void *)&pk->fields[3].value;   /* the bug: half a field */
  // CHECK: fam_struct_elements.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct field *' (is_a)
  // CHECK: is 32 bytes into a 'struct packet' heap allocation of 44 bytes; subobject at that offset: 'int'
  printf("first %d last %d len %d mid %s\n", first, last, *len, mid ? "set" : "null");
  // CHECK: first 100 last 104 len 4 mid set
  free(pk);
  puts("done");
  // CHECK: done
  return 0;
}
