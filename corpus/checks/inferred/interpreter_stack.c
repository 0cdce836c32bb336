/* An interpreter's stack: one untyped heap block holding frames and values at offsets only the program
 * knows. The first cast to the block's base types it lazily (one frame, then an array of frames); past
 * that first frame, the first cast to reach each object types it (an inferred typing) and later casts
 * there are checked against it. When the program reuses a slot for another object, the first cast
 * that disagrees re-types it and counts as unknown storage ("inferred type differs"), never a report:
 * a cast cannot tell the store that gives memory its new type from a read. The liballocs API still
 * answers the heap chunk inside a typing: a typing is no allocation. Four threads, each with its own
 * stack; optimised the same. */
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
      struct frame *f = (struct frame *)push(&vm, frame_size);      /* an element of the lazy array, or re-typed */
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
  int api_sees_chunk = alloc_get_base(vm.stack + 64) == vm.stack && alloc_get_size(vm.stack + 72) == capacity;   /* in the value's typing */
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
// The first value at +64, and at +16 (i == 1), disagree with the lazy array of frames: past typed head,
// typed there (2 per thread). Each later iteration's first cast at +16 disagrees with the last one's.
// CHECK: liballocs: 1008 checks begun: 608 passed ({{[0-9]+}} via cache), 0 failed, 400 unknown storage, 0 suppressed
// CHECK: liballocs: 400 inferred typings: objects in untyped heap memory typed by casts
// CHECK: liballocs: unknown storage by cause: 8 past typed head, 392 inferred type differs
// CHECK: 200x {{.*}}interpreter_stack.c:60:{{[0-9]+}} (inferred type differs)
// CHECK: 196x {{.*}}interpreter_stack.c:46:{{[0-9]+}} (inferred type differs)
// CHECK: 4x {{.*}}interpreter_stack.c:49:{{[0-9]+}} (past typed head)
