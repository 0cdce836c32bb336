/* libc functions have no type information: casts of their addresses to function pointer types pass (unknown). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct symbol { const char *name; void *addr; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct symbol libc[] = { { "strlen", (void *)strlen }, { "abs", (void *)abs }, { "puts", (void *)puts } };
  size_t (*len)(const char *) = (size_t (*)(const char *))libc[0].addr;   // CHECK-NOT: fnptr_libc_unknown.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int (*absolute)(int) = (int (*)(int))libc[1].addr;                      // CHECK-NOT: fnptr_libc_unknown.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int (*say)(const char *) = (int (*)(const char *))libc[2].addr;         // CHECK-NOT: fnptr_libc_unknown.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%zu %d\n", len("hello"), absolute(-7));
  // CHECK: 5 7
  say("said");
  // CHECK: said
  int (*cmp)(const void *, const void *) = (int (*)(const void *, const void *))(void *)strcmp;
  // CHECK-NOT: fnptr_libc_unknown.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  printf("cmp %d\n", cmp("a", "a"));
  // CHECK: cmp 0
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
