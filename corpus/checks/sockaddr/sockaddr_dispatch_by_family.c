/* Dispatch on sa_family and downcast: right families pass; a sockaddr_in6 labelled AF_INET fails like_a. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static void show(struct sockaddr *sa)
{
  char buf[64];
  if (sa->sa_family == AF_INET)
  {
    struct sockaddr_in *sin = (struct sockaddr_in *)sa;
    // CHECK: sockaddr_dispatch_by_family.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct sockaddr_in *' (like_a)
    // CHECK: is 0 bytes into a 'struct sockaddr_in6' heap allocation of 28 bytes
    printf("v4 %s:%u\n", inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf), ntohs(sin->sin_port));
  }
  else
  {
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)sa;
    printf("v6 port %u\n", ntohs(sin6->sin6_port));
  }
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sockaddr_in6 *odd = malloc(sizeof(struct sockaddr_in6));
  memset(odd, 0, sizeof *odd);
  odd->sin6_family = AF_INET;                       /* the bug: wrong family label */
  odd->sin6_port = htons(8080);
  show((struct sockaddr *)odd);                     /* silent here; show's downcast fails */
  // CHECK: v4 0.0.0.0:8080
  struct sockaddr_in *v4 = malloc(sizeof(struct sockaddr_in));
  memset(v4, 0, sizeof *v4);
  v4->sin_family = AF_INET;
  v4->sin_port = htons(53);
  inet_pton(AF_INET, "10.0.0.1", &v4->sin_addr);
  show((struct sockaddr *)v4);                      /* silent */
  // CHECK: v4 10.0.0.1:53
  struct sockaddr_in6 *v6 = malloc(sizeof(struct sockaddr_in6));
  memset(v6, 0, sizeof *v6);
  v6->sin6_family = AF_INET6;
  v6->sin6_port = htons(22);
  show((struct sockaddr *)v6);                      /* silent */
  // CHECK: v6 port 22
  free(odd); free(v4); free(v6);
  puts("done");
  // CHECK: done
  return 0;
}
