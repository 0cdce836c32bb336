/* A null pointer passes every kind of check, whatever type it is cast to. */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>

struct opaque;
struct point { int x, y; };

static void *nothing(void) { return NULL; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  struct point *p = nothing();                                      /* is_a */
  struct opaque *o = nothing();                                     /* named_a */
  struct sockaddr *sa = (struct sockaddr *)nothing();               /* like_a */
  void **vpp = (void **)nothing();                                  /* loosely_like_a */
  void ***vppp = (void ***)nothing();                               /* is_a_pointer_of_degree */
  int (*fn)(int) = (int (*)(int))nothing();                         /* is_a_function_refining */
  double *d = (double *)(void *)p;                                  /* a null of another type */
  printf("%d %d %d %d %d %d %d\n", p == NULL, o == NULL, sa == NULL, vpp == NULL, vppp == NULL,
    fn == NULL, d == NULL);
  // CHECK: 1 1 1 1 1 1 1
  puts("done");
  // CHECK-NOT: runtime error
  // CHECK: done
  return 0;
}
