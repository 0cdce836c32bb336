/* An interpreter's stack: one untyped heap block holding frames and values at offsets only the program
 * knows. The first cast to reach each object types it (an inferred typing) and later casts there are
 * checked against it, so nothing here is unknown storage. When the program reuses a slot for another
 * object, the first cast that disagrees re-types it and counts as unknown storage ("inferred type
 * differs"), never a report: a cast cannot tell the store that gives memory its new type from a read.
 * The liballocs API still answers the heap chunk: a typing is no allocation. Four threads, each
 * with its own stack; optimised the same. */
// ALLOCSCC-FLAGS: -O0 -pthread
// ALLOCSCC-FLAGS: -O2 -pthread
#include <allocs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct frame { const char *function; int nlocals; long locals[]; };
struct value { int tag; double number; };

struct vm { unsigned char *stack; size_t top; };

#define ALIGNED(n) (((n) + 15) & ~(size_t)15)

static void *push(struct vm *vm, size_t n)
{
  void *p = vm->stack + vm->top;
  vm->top += ALIGNED(n);
  return p;
}

static void pop(struct vm *vm, size_t n) { vm->top -= ALIGNED(n); }

static void *run(void *arg)
{
  size_t capacity = (size_t)arg;
  struct vm vm = { malloc(capacity), 0 };   /* no sizeof: the block is untyped */
  struct frame *outer = (struct frame *)push(&vm, sizeof(struct frame));
  outer->function = "main";
  outer->nlocals = 0;
  long sum = 0;
  for (int i = 0; i < 100; i++)
  {
    size_t at = vm.top;
    size_t frame_size = sizeof(struct frame) + 3 * sizeof(long);
    if (i % 2 == 0)
    {
      struct frame *f = (struct frame *)push(&vm, frame_size);      /* types the frame */
      f->function = "callee";
      f->nlocals = 3;
      struct value *v = (struct value *)push(&vm, sizeof(struct value));
      v->tag = i;
      struct frame *again = (struct frame *)(vm.stack + at);       /* checked against the frame */
      long *local = (long *)&again->locals[1];                     /* a subobject of it */
      *local = i;
      sum += again->locals[1] + v->tag;
      pop(&vm, sizeof(struct value));
      pop(&vm, frame_size);
    }
    else
    {
      struct value *v = (struct value *)push(&vm, sizeof(struct value));   /* reuses the frame's slot: re-typed */
      v->tag = -i;
      struct value *same = (struct value *)(vm.stack + at);                /* checked against the value */
      sum += same->tag;
      pop(&vm, sizeof(struct value));
    }
  }
  struct frame *bottom = (struct frame *)vm.stack;
  int api_sees_chunk = alloc_get_base(vm.stack + 48) == vm.stack && alloc_get_size(vm.stack + 48) == capacity;
  free(vm.stack);
  return (void *)(sum + (bottom == outer) * 1000000 + api_sees_chunk * 10000000);
}

int main(int argc, char **argv)
{
  (void)argv;
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);
  pthread_t threads[4];
  for (int t = 0; t < 4; t++)
    pthread_create(&threads[t], NULL, run, (void *)(size_t)(4096 * argc));
  for (int t = 0; t < 4; t++)
  {
    void *result;
    pthread_join(threads[t], &result);
    printf("thread %d: %ld\n", t, (long)result);
  }
  return 0;
}
// CHECK: thread 0: 11002400
// CHECK: thread 3: 11002400
// CHECK-NOT: runtime error
// CHECK: liballocs: {{[0-9]+}} checks begun: {{[0-9]+}} passed ({{[0-9]+}} via cache), 0 failed, 392 unknown storage, 0 suppressed
// CHECK: liballocs: 8 objects in untyped heap memory typed by the first cast to reach them
// CHECK: liballocs: unknown storage by cause: 392 inferred type differs
// CHECK: 196x {{.*}}interpreter_stack.c:45:{{[0-9]+}} (inferred type differs)
// CHECK: 196x {{.*}}interpreter_stack.c:59:{{[0-9]+}} (inferred type differs)
