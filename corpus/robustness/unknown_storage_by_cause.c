/* Checks that cannot tell pass but are counted apart by cause, with the cast sites that met them;
 * verbosity=1 notes each cast site's first one. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

struct s { int a; };

/* A data symbol with neither debugging information nor an allocscc descriptor, as in a stripped library. */
__asm__(".data\n.globl raw_words\n.type raw_words, @object\n.size raw_words, 64\n.p2align 3\nraw_words:\n.zero 64\n.text\n");
extern char raw_words[];

int main(int argc, char **argv)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1:verbosity=1", 1);  /* read when the first check starts the runtime */
  void *m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < 3; i++)
  {
    struct s *p = (struct s *)m;               /* mmap'd memory: mapping */
    // CHECK: note: {{.*}}unknown_storage_by_cause.c:[[@LINE-1]]:{{[0-9]+}}: cast to 'struct s *' met unknown storage (mapping) at 0x
    (void)p;
  }
  unsigned long marker = ~0ul - (unsigned long)argc + 1;   /* computed: a constant such as (void *)-1 is elided statically */
  struct s *w = (struct s *)(void *)marker;    /* a marker value: wild pointer */
  // CHECK: note: {{.*}}unknown_storage_by_cause.c:[[@LINE-1]]:{{[0-9]+}}: cast to 'struct s *' met unknown storage (wild pointer) at 0xffffffffffffffff
  struct s *o = (struct s *)(void *)raw_words; /* no type from allocscc or DWARF */
  // CHECK: note: {{.*}}unknown_storage_by_cause.c:[[@LINE-1]]:{{[0-9]+}}: cast to 'struct s *' met unknown storage (uninstrumented object)
  char *bytes = malloc((size_t)argc * 64);     /* no sizeof: untyped until a cast at its base */
  struct s *r = (struct s *)(bytes + 62);      /* no room left for one there: no record */
  // CHECK: note: {{.*}}unknown_storage_by_cause.c:[[@LINE-1]]:{{[0-9]+}}: cast to 'struct s *' met unknown storage (no record)
  printf("%d\n", w != NULL && o != NULL && r != NULL);
  // CHECK: 1
  free(bytes);
  return 0;
}
// CHECK: liballocs: 6 checks begun: 0 passed (0 via cache), 0 failed, 6 unknown storage, 0 suppressed
// CHECK: liballocs: unknown storage by cause: 1 no record, 1 uninstrumented object, 3 mapping, 1 wild pointer
// CHECK: liballocs: casts meeting unknown storage most often:
// CHECK: 3x {{.*}}unknown_storage_by_cause.c:20:
