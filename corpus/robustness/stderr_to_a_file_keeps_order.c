/* With stderr redirected to a regular file, reports land where the program's own stderr output
 * stands, in order, neither overwriting it nor overwritten by it (the runtime writes with write(2),
 * so fd 2's offset applies). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct header { int magic; int length; };
struct trailer { double checksum; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  char path[] = "/tmp/liballocs-stderr-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0 || dup2(fd, 2) < 0)
    return 2;
  static struct header h = { 1, 2 };
  void *p = &h;
  if (write(2, "before the report\n", 18) != 18)
    return 2;
  struct trailer *t = (struct trailer *)p;   /* the bug: a header is no trailer */
  if (write(2, "after the report\n", 17) != 17)
    return 2;
  char text[8192] = { 0 };
  ssize_t n = pread(fd, text, sizeof text - 1, 0);
  unlink(path);
  printf("%s", n > 0 ? text : "(nothing)\n");
  // CHECK: before the report
  // CHECK: stderr_to_a_file_keeps_order.c:24:{{[0-9]+}}: runtime error: bad cast to 'struct trailer *' (is_a)
  // CHECK: SUMMARY: liballocs: bad-cast
  // CHECK: after the report
  return t == p ? 0 : 1;
}
