/* Shim for <tls.h>: the thread control block is the loader's. The allocator's per-thread state (tcache,
   thread_arena) is compiler TLS (__thread); what remains is x86's atomic operations, which read one field of the
   control block through %fs (multiple_threads, to skip the lock prefix while the process has one thread). This is
   the prefix of x86_64's control block up to that field: its layout is fixed by the ABI between the loader and
   compiled code, and the running glibc's block has it. */
#ifndef GLIBC_MALLOC_SHIM_TLS_H
#define GLIBC_MALLOC_SHIM_TLS_H 1
#include <stdint.h>
typedef struct
{
  void *tcb;
  void *dtv;
  void *self;
  int multiple_threads;
  int gscope_flag;
  uintptr_t sysinfo;
  uintptr_t stack_guard;
  uintptr_t pointer_guard;
} tcbhead_t;
#endif
