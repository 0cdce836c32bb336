/* like_a: every concrete address passes as struct sockaddr; a sockaddr_storage passes as any concrete address. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

static int family(const struct sockaddr *sa) { return sa->sa_family; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sockaddr_in in4;
  memset(&in4, 0, sizeof in4);
  in4.sin_family = AF_INET;
  in4.sin_port = htons(80);
  struct sockaddr_in6 *in6 = calloc(1, sizeof *in6);
  in6->sin6_family = AF_INET6;
  struct sockaddr_un un;
  memset(&un, 0, sizeof un);
  un.sun_family = AF_UNIX;
  strcpy(un.sun_path, "/tmp/sock");
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_family = AF_INET6;

  int f1 = family((struct sockaddr *)&in4);        // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int f2 = family((struct sockaddr *)in6);         // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int f3 = family((struct sockaddr *)&un);         // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  int f4 = family((struct sockaddr *)&ss);         // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("%d %d %d %d\n", f1 == AF_INET, f2 == AF_INET6, f3 == AF_UNIX, f4 == AF_INET6);
  // CHECK: 1 1 1 1

  struct sockaddr_in6 *from_ss6 = (struct sockaddr_in6 *)&ss;   // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct sockaddr_in *from_ss4 = (struct sockaddr_in *)&ss;     // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  struct sockaddr *generic = (struct sockaddr *)&in4;
  struct sockaddr_in *back = (struct sockaddr_in *)generic;     // CHECK-NOT: sockaddr_family_upcasts.c:[[@LINE]]:{{[0-9]+}}: runtime error
  printf("port %d %d %d\n", ntohs(back->sin_port), from_ss6->sin6_family == AF_INET6, from_ss4 != NULL);
  // CHECK: port 80 1 1
  free(in6);
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
