/* A file-static array of structs: element and member pointers pass; a member taken for an element fails. */
#include <stdio.h>

struct entry { int key; int value; const char *label; };   /* 16 bytes */

static struct entry table[6] = {
  { 1, 10, "one" }, { 2, 20, "two" }, { 3, 30, "three" },
  { 4, 40, "four" }, { 5, 50, "five" }, { 6, 60, "six" },
};

static const struct entry *find(const void *slot)
{
  return slot;                            /* checked: slot must be an entry */
  // CHECK: static_array_of_structs.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'const struct entry *' (is_a)
  // CHECK: is 36 bytes into a 'struct entry[6]' static allocation of 96 bytes; subobject at that offset: 'int'
  // CHECK: defined as 'table'
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  const struct entry *e4 = find(&table[4]);           /* an interior element: silent */
  const struct entry *e2 = find(&table[2].key);       /* first member = the element: silent */
  int *v = (int *)(void *)&table[1].value;            /* a member of its own type: silent */
  const struct entry *e = find(&table[2].value);      /* the bug: value is 4 bytes in */
  printf("%s %s %d\n", e4->label, e2->label, *v);
  // CHECK: five three 20
  printf("e is %ld bytes after table[2]\n", (long)((const char *)e - (const char *)&table[2]));
  // CHECK: e is 4 bytes after table[2]
  puts("done");
  // CHECK: done
  return 0;
}
