/* A one-argument function registered as a void (*)(int, int) handler fails is_a_function_refining. */
#include <stdio.h>

typedef void (*handler_fn)(int, int);

static int last;
static void on_resize(int w, int h) { last = w * h; }
static void on_close(int code) { last = -code; }

static handler_fn handlers[2];

static void install(int slot, void *fn)
{
  handlers[slot] = (handler_fn)fn;          /* checked: fn must refine void (int, int) */
  // CHECK: fnptr_arity_mismatch.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'handler_fn' (is_a_function_refining)
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  install(0, (void *)on_resize);            /* silent */
  install(1, (void *)on_close);             /* the bug: on_close takes one int */
  handlers[0](3, 4);
  printf("last %d\n", last);
  // CHECK: last 12
  puts("done");
  // CHECK: done
  return 0;
}
