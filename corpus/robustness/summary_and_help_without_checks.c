/* print_summary=1 and help=1 hold in a process that performs no check, where nothing else would load the runtime: the help
 * and a summary of no checks come at exit. Spelled true here, as the option table allows, which the C layer reads too. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=true:help=true", 1);   /* read at exit: no check ever starts the runtime */
  printf("no casts here\n");
  // CHECK: no casts here
  printf("done\n");
  // CHECK: done
  // CHECK: liballocs: LIBALLOCS_OPTIONS=name=value:name=value... options:
  // CHECK: print_summary {{.*}}
  // CHECK: liballocs: 0 checks begun: 0 passed (0 via cache), 0 failed, 0 unknown storage, 0 suppressed
  // CHECK-NOT: runtime error
  return 0;
}
