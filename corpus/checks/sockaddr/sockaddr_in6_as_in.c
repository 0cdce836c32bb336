/* A sockaddr_in6 cast to struct sockaddr_in * fails like_a (flow info vs IPv4 address at offset 4). */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static unsigned port_of(const struct sockaddr_in *sin) { return ntohs(sin->sin_port); }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sockaddr_in6 peer;
  memset(&peer, 0, sizeof peer);
  peer.sin6_family = AF_INET6;
  peer.sin6_port = htons(443);
  struct sockaddr_in6 *same = (struct sockaddr_in6 *)(void *)&peer;   /* silent */
  // CHECK-NOT: sockaddr_in6_as_in.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  unsigned port = port_of((struct sockaddr_in *)&peer);               /* the bug: it is IPv6 */
  // CHECK: sockaddr_in6_as_in.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct sockaddr_in *' (like_a)
  // CHECK: is 0 bytes into a 'struct sockaddr_in6' stack allocation of 28 bytes
  // CHECK: declared as 'peer' in main {{.*}}sockaddr_in6_as_in.c:[[@LINE-9]]:
  printf("port %u family %d\n", port, same->sin6_family == AF_INET6);
  // CHECK: port 443 family 1
  puts("done");
  // CHECK: done
  return 0;
}
