/* Element pointers of arrays of structs pass in every storage class, first and last included. */
#include <stdio.h>
#include <stdlib.h>

struct item { double price; int qty; };

static struct item g_items[5];

static double value(const void *p)
{
  const struct item *it = p;
  // CHECK-NOT: struct_array_elements_all_storage.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  return it->price * it->qty;
}

static double total(struct item *items, int n)
{
  double t = 0;
  for (int i = 0; i < n; i++)
  {
    items[i].price = i + 1;
    items[i].qty = 2;
    t += value(&items[i]);
    double *price = (double *)(void *)&items[i].price;   /* first member: silent */
    // CHECK-NOT: struct_array_elements_all_storage.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    int *qty = (int *)(void *)&items[i].qty;              /* second member: silent */
    // CHECK-NOT: struct_array_elements_all_storage.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
    t += *price * 0 + *qty * 0;
  }
  return t;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct item local[5];
  struct item *heap = calloc(5, sizeof *heap);
  printf("static %g\n", total(g_items, 5));
  // CHECK: static 30
  printf("stack %g\n", total(local, 5));
  // CHECK: stack 30
  printf("heap %g\n", total(heap, 5));
  // CHECK: heap 30
  free(heap);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
