/* The liballocs README demo: four allocators answer for four pointers.
 * Built with `bin/allocscc -o demo corpus/demo/liballocs_demo.c` and run by bin/setup;
 * the corpus tests check its output. */
#include <allocs.h>
#include <stdio.h>
int main(int argc, char **argv)
{
  void *p = malloc(42 * sizeof(int));
  void *ptrs[] = { main, p, &p, argv, NULL };
  for (void **x = &ptrs[0]; *x; ++x)
  {
    printf("At %p is a %s-allocated object of size %u, type %s\n",
      *x,
      alloc_get_allocator(*x)->name,
      (unsigned) alloc_get_size(*x),
      UNIQTYPE_NAME(alloc_get_type(*x))
    );
  }
  return 0;
}
// CHECK: At 0x{{[0-9a-f]+}} is a static-allocated object of size {{[1-9][0-9]*}}, type __FUN_FROM___ARG0_int$32__ARG1___PTR___PTR_signed_char$8__FUN_TO_int$32
// CHECK: At 0x{{[0-9a-f]+}} is a malloc-allocated object of size 168, type __ARR42_int$32
// CHECK: At 0x{{[0-9a-f]+}} is a stack-allocated object of size 8, type __PTR_void
// CHECK: At 0x{{[0-9a-f]+}} is a auxv-allocated object of size 16, type __ARR2___PTR_signed_char$8
