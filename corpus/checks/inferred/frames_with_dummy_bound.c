/* A backtracking matcher's frames: one block from an allocator called through a pointer (so no allocation
 * site types it) holds frames of a run-time size, each a struct whose last member is an array with a
 * dummy bound far larger than the block (only its first elements are used). Each frame is typed by the
 * first cast to reach it, for its fixed part only (a struct ending in an array is sized by the program),
 * so frames a run-time size apart never overlap: walking forward and back is checked, never unknown.
 * A frame whose fixed part would run past the block's end cannot be typed: unknown storage (no record). */
// ALLOCSCC-FLAGS: -O0
// ALLOCSCC-FLAGS: -O2
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct heapframe
{
  const unsigned char *pattern;
  size_t back;               /* bytes back to the previous frame */
  unsigned depth;
  size_t ovector[131072];    /* a dummy bound: frames hold ovector_count elements */
};

static void *(*allocate)(size_t) = malloc;

int main(int argc, char **argv)
{
  (void)argv;
  setvbuf(stdout, NULL, _IONBF, 0);
  setenv("LIBALLOCS_OPTIONS", "print_summary=1", 1);
  size_t ovector_count = 2 * (size_t)argc + 2;
  size_t frame_size = offsetof(struct heapframe, ovector) + ovector_count * sizeof(size_t);
  unsigned frames = 10;
  char *block = allocate(frames * frame_size);
  unsigned long total = 0;
  for (int round = 0; round < 3; round++)
  {
    struct heapframe *F = (struct heapframe *)block;
    F->depth = 0;
    F->back = 0;
    for (unsigned d = 1; d < frames; d++)
    {
      struct heapframe *N = (struct heapframe *)((char *)F + frame_size);   /* the next frame */
      N->back = frame_size;
      N->depth = d;
      N->ovector[ovector_count - 1] = d;
      F = N;
    }
    while (F->depth > 0)
    {
      total += F->ovector[ovector_count - 1];
      F = (struct heapframe *)((char *)F - F->back);                        /* backtrack */
    }
  }
  struct heapframe *past = (struct heapframe *)(block + frames * frame_size - 8);   /* no room for a frame */
  printf("%lu %d\n", total, past != NULL);
  // CHECK: 135 1
  free(block);
  return 0;
}
// CHECK-NOT: runtime error
// CHECK: liballocs: {{[0-9]+}} checks begun: {{[0-9]+}} passed ({{[0-9]+}} via cache), 0 failed, 1 unknown storage, 0 suppressed
// CHECK: liballocs: 10 inferred typings: objects in untyped heap memory typed by casts
// CHECK: liballocs: unknown storage by cause: 1 no record
