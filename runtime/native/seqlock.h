/* seqlock.h: the sequence lock of the runtime's sorted tables (big heap chunks, suballocated chunks). */
/*
 * Writers, already serialised by their table's mutex, make the sequence odd while they change the
 * table. Readers never block: they read, then retry when the sequence was odd or has changed, and
 * give up after waiting long enough to suspect that the writer is the code they interrupted (a
 * lookup from a signal handler), so a query never deadlocks.
 */
#ifndef LIBALLOCS_SEQLOCK_H
#define LIBALLOCS_SEQLOCK_H

#include <sched.h>

static inline void seqlock_write_begin(unsigned long *seq)
{
	__atomic_store_n(seq, *seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static inline void seqlock_write_end(unsigned long *seq)
{
	__atomic_store_n(seq, *seq + 1, __ATOMIC_RELEASE);
}

/* Waits a little for a writer; 0 once the reader should give up. */
static inline int seqlock_backoff(unsigned *tries)
{
	if (++*tries < 64)
	{
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
	else if (*tries < 64 + 10000)
		sched_yield();
	else
		return 0;
	return 1;
}

/* Whether an entry a search of a sorted table found answers it: exact wants the entry based at a,
 * contains the entry holding a (a chunk of size 0 holds its base). */
static inline int table_entry_answers(int found, int exact, int contains, unsigned long a, unsigned long base, unsigned long size)
{
	return found && !(exact && base != a) && !(contains && a != base && a - base >= size);
}

#endif
