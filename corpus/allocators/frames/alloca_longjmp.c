/* alloca'd blocks and VLAs die with their frame, also when a longjmp leaves it: no stale record survives. */
#include <alloca.h>
#include <allocs.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

struct token { int kind; int length; };
struct span { double start, end; };

static jmp_buf escape;
static const void *left_behind;

static void parse(int depth)
{
  struct token *toks = alloca(4 * sizeof(struct token));
  int lengths[depth + 2];                         /* a VLA */
  toks[0].kind = depth;
  lengths[0] = depth;
  left_behind = toks;
  printf("in frame: %s %s, vla %s\n", alloc_get_allocator(toks)->name,
    UNIQTYPE_NAME(alloc_get_type(&toks[3])), UNIQTYPE_NAME(alloc_get_type(lengths)));
  // CHECK: in frame: stack __ARR4_token, vla __ARR5_int$32
  void *any = &toks[1];
  struct span *s = any;                           /* the bug, while the frame is live */
  // CHECK: alloca_longjmp.c:[[@LINE-1]]:{{[0-9]+}}: runtime error: bad cast to 'struct span *' (is_a)
  if (s != NULL && lengths[0] == depth)
    longjmp(escape, 1);
}

static double reuse(void)
{
  struct span here[4];                            /* likely where the dead frame was */
  memset(here, 0, sizeof here);
  void *any = &here[1];
  struct span *again = any;                       /* right: a live span, whatever was here before */
  // CHECK-NOT: alloca_longjmp.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  return again->end;
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  if (setjmp(escape) == 0)
    parse(3);
  const struct allocator *a = alloc_get_allocator(left_behind);
  printf("after longjmp: %s\n", a && a->name[0] == 's' && a->name[1] == 't' && a->name[2] == 'a' ? "still stack-typed" : "forgotten");
  // CHECK: after longjmp: forgotten
  printf("reuse %g\n", reuse());
  // CHECK: reuse 0
  puts("done");
  // CHECK: done
  return 0;
}
