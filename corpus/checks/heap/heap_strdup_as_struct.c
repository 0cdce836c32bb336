/* strdup'd text is a char array: char views are never checked; reading it as a struct is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request_header { unsigned short method; unsigned short flags; unsigned int length; };

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  char *line = strdup("GET /index\n");        /* 12 bytes */
  unsigned char *bytes = (unsigned char *)line;    /* character view: never checked */
  const signed char *sbytes = (const signed char *)line;
  printf("first byte %c %c\n", bytes[0], sbytes[1]);
  // CHECK: first byte G E

  struct request_header *h = (struct request_header *)line;   /* the bug: it is text */
  // CHECK: heap_strdup_as_struct.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct request_header *' (is_a)
  // CHECK: is 0 bytes into a '{{.*}}' heap allocation of 12 bytes
  // CHECK: allocated by strdup in main {{.*}}heap_strdup_as_struct.c:[[@LINE-9]]:
  printf("header at line: %s\n", (void *)h == (void *)line ? "yes" : "no");
  // CHECK: header at line: yes

  free(line);
  puts("done");
  // CHECK: done
  return 0;
}
