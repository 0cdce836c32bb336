/* stack_records.h: internal hook from the longjmp interposers into the per-thread record list. */
#ifndef LIBALLOCS_STACK_RECORDS_H
#define LIBALLOCS_STACK_RECORDS_H

#include <stdint.h>

/* Drops the calling thread's records that lie below target_sp, the stack pointer a longjmp is
 * about to restore: their frames are being abandoned without running cleanups. */
__attribute__((visibility("hidden"))) void stack_records_unwind(uintptr_t target_sp);

#endif
