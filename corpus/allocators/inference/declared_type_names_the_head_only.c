/* Regression (SQLite's sqlite3AllocateIndexObject): `p = malloc(nByte + nExtra)` with a size no sizeof
 * explains is typed by the declared type of p, but only its first element: the rest of the block holds
 * arrays of other types, carved by pointer arithmetic, which must not be reported. The head is checked. */
#include <stdio.h>
#include <stdlib.h>

struct index { const char *name; short *columns; double *estimates; int ncolumns; };

static struct index *make_index(int ncolumns, size_t extra)
{
  struct index *p;
  size_t bytes = (sizeof(struct index) + 7) / 8 * 8 + (size_t)ncolumns * (sizeof(short) + sizeof(double));
  p = malloc(bytes + extra);                         /* typed by p: a struct index, then other things */
  char *rest = (char *)p + (sizeof(struct index) + 7) / 8 * 8;
  p->estimates = (double *)rest;                     /* past the head: not reported */
  // CHECK-NOT: declared_type_names_the_head_only.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  p->columns = (short *)(rest + (size_t)ncolumns * sizeof(double));
  // CHECK-NOT: declared_type_names_the_head_only.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  p->ncolumns = ncolumns;
  return p;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct index *ix = make_index(4, 32);
  ix->columns[3] = 7;
  ix->estimates[0] = 1.5;
  printf("%d %d %.1f\n", ix->ncolumns, ix->columns[3], ix->estimates[0]);
  // CHECK: 4 7 1.5
  double *wrong = (double *)(void *)&ix->ncolumns;   /* the bug, in the head: an int is no double */
  // CHECK: declared_type_names_the_head_only.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'double *' (is_a)
  // CHECK: is 24 bytes into a 'struct index' heap allocation of
  printf("%d\n", (void *)wrong == (void *)&ix->ncolumns);
  // CHECK: 1
  free(ix);
  puts("done");
  // CHECK: done
  return 0;
}
