/* An interpreter's table of builtins, each cast to its signature at every call: a verdict on a function or a global is kept by
 * its address (checks/README.md, "How a check is answered"), so that the same cast at the same address is answered without the
 * runtime, more addresses than the check cache holds, and a cast at another address gets its own verdict, passing or failing. */
#include <stdio.h>
#include <stdlib.h>

typedef long (*unary)(long);
typedef long (*binary)(long, long);

static long negate(long a) { return -a; }
static long twice(long a) { return 2 * a; }
static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul(long a, long b) { return a * b; }
static long mod(long a, long b) { return b ? a % b : 0; }
static long max(long a, long b) { return a > b ? a : b; }
static long min(long a, long b) { return a < b ? a : b; }
static long low(long a, long b) { return a & b; }
static long high(long a, long b) { return a | b; }
static long either(long a, long b) { return a ? a : b; }   /* cast to binary by as_binary only */

struct builtin { void *fn; int arity; };
static struct builtin builtins[] = {
  { (void *)negate, 1 }, { (void *)twice, 1 }, { (void *)add, 2 }, { (void *)sub, 2 }, { (void *)mul, 2 },
  { (void *)mod, 2 }, { (void *)max, 2 }, { (void *)min, 2 }, { (void *)low, 2 }, { (void *)high, 2 },
};
#define BUILTINS (int)(sizeof builtins / sizeof builtins[0])
#define ROUNDS 20

static long globals[4] = { 1, 2, 3, 4 };

/* The cast sites: each builtin called through the signature its arity names, and one that trusts a wrong arity. */
static long call(const struct builtin *b, long x, long y)
{
  if (b->arity == 1)
    return ((unary)b->fn)(x);
  // CHECK-NOT: verdicts_reused_at_static_addresses.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
  return ((binary)b->fn)(x, y);
  // CHECK-NOT: verdicts_reused_at_static_addresses.c:[[@LINE-1]]:{{[0-9]+}}: runtime error
}

static binary as_binary(void *fn) { return (binary)fn; }

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);   /* read at the first check */
  long acc = 0;
  for (int r = 0; r < ROUNDS; r++)
    for (int i = 0; i < BUILTINS; i++)
      acc += call(&builtins[i], r, i + 1);
  printf("acc %ld\n", acc);
  // CHECK: acc 2268
  /* One cast site, two addresses no fact answers for: a binary passes, a unary fails, each every round (the unary's report
   * counted ROUNDS times); a verdict kept for one address must not answer at the other. */
  int passed = 0;
  for (int r = 0; r < ROUNDS; r++)
  {
    passed += as_binary((void *)either) != NULL;
    passed += as_binary((void *)negate) != NULL;
    // CHECK: verdicts_reused_at_static_addresses.c:42:{{[0-9]+}}: runtime error: bad cast to 'binary' (is_a_function_refining)
  }
  printf("passed %d\n", passed);
  // CHECK: passed 40
  long sum = 0;
  for (int r = 0; r < ROUNDS; r++)
    for (int i = 0; i < 4; i++)
      sum += *(long *)(void *)&globals[i];   /* a global's element: passes at each address */
  printf("sum %ld\n", sum);
  // CHECK: sum 200
  puts("done");
  // CHECK: done
  /* 200 builtin calls (the runtime answers the first at each of 10 addresses), 40 casts of either and negate (the runtime
   * answers the first of each) and 80 of the globals (the runtime answers the first, for the array). */
  // CHECK: liballocs: 320 checks begun: 300 passed (288 via cache), 20 failed, 0 unknown storage, 0 suppressed
  // CHECK: 20x {{.*}}verdicts_reused_at_static_addresses.c:42:{{[0-9]+}} bad cast to 'binary' (is_a_function_refining)
  return 0;
}
