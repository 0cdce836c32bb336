/* quarantine.c: freed small heap chunks held back from reuse, in a FIFO bounded in bytes. */
/*
 * free() marks a small chunk CHUNK_FREED in its trailer and hands it here instead of to glibc; it
 * stays in the heap index, so a check on a stale pointer finds the freed chunk (its former type,
 * where it was allocated and freed) rather than a newer chunk at the same address or glibc's free
 * lists. When the quarantine holds more than quarantine_size_mb MiB, the oldest chunks leave the
 * index and go back to glibc. Chunks glibc never saw freed cannot be handed out twice.
 *
 * The size limit is a run-time option of the C# table (checks/Options/OptionTable.cs), but free()
 * needs it long before the C# runtime loads, so the C layer reads that one key of
 * LIBALLOCS_OPTIONS itself (c_options.c); the default is LIBALLOCS_QUARANTINE_DEFAULT_MB (liballocs_c.h), which
 * a test compares with the table's.
 *
 * One mutex guards the FIFO (a ring of chunk pointers in memory of its own: freed memory may be
 * overwritten by the program, so only the free caller, guarded by a check value, lives inside it), taken once per batch of a
 * thread's frees. Big and mmapped chunks are never quarantined: they would pin whole mappings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "heap_index.h"

#include "next_allocator.h"

#define BATCH 32
#define BATCH_CHUNK_MAX 4096ul   /* bigger chunks are handed over at once */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int initialized;   /* init has run: every free after the first skips pthread_once's call */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* One entry per chunk held: its address and usable size (kept here, so eviction need not read the chunk's header while
 * holding the lock). */
struct held
{
	void *chunk;
	unsigned long usable;
};
static struct held *ring;           /* capacity `cap` (a power of two: indexes wrap by a mask), oldest at `head` */
static unsigned long cap, head, count;
static unsigned long bytes, limit;  /* usable bytes held, and the most allowed (0: off) */

static void prefork(void) { pthread_mutex_lock(&lock); }
static void postfork(void) { pthread_mutex_unlock(&lock); }

static void init(void)
{
	int saved_errno = errno;
	unsigned long mb = __liballocs_c_option("quarantine_size_mb", LIBALLOCS_QUARANTINE_DEFAULT_MB, 65536);
	if (mb > 0)
	{
		/* At most one entry per smallest chunk (48 bytes with its glibc header); NORESERVE: only
		 * the part of the ring in use costs memory. */
		unsigned long n = 1;
		while (n < (mb << 20) / 48 + 2 * BATCH)
			n <<= 1;
		void *m = mmap(NULL, n * sizeof(struct held), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m != MAP_FAILED)
		{
			ring = m;
			cap = n;
			limit = mb << 20;
			pthread_atfork(prefork, postfork, postfork);
		}
	}
	errno = saved_errno;
	__atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
}

/* Each thread gathers its frees in a batch and hands a whole batch to the FIFO under one lock
 * (a lock per free cost malloc_churn 45%). A batch left when a thread exits is handed over by a
 * key destructor. `busy` keeps a signal handler's free (not allowed by POSIX, but seen) out of a
 * batch being changed: such a chunk goes straight back to glibc. */
struct batch
{
	void *chunk[BATCH];
	unsigned long usable[BATCH];
	unsigned n;
	volatile sig_atomic_t busy;
	int key_set;
	int exited;   /* past its exit destructor: frees from later destructors go straight to glibc */
};
static __thread struct batch local __attribute__((tls_model("initial-exec")));
static pthread_key_t exit_key;
static int exit_key_made;

static void hand_over(struct batch *b);

static void thread_exits(void *unused)
{
	(void)unused;
	local.busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	hand_over(&local);
	local.exited = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	local.busy = 0;
}

static void make_key(void)
{
	exit_key_made = pthread_key_create(&exit_key, thread_exits) == 0;
}

int quarantine_accepts(unsigned long usable)
{
	/* A free before libc has set up the environment (the dynamic loader's) goes straight back:
	 * the options cannot be read yet, and init runs once. */
	if (__builtin_expect(environ == NULL, 0))
		return 0;
	if (__builtin_expect(!__atomic_load_n(&initialized, __ATOMIC_ACQUIRE), 0))
		pthread_once(&once, init);
	return limit != 0 && usable <= limit / 4 && !local.busy && !local.exited;
}

void quarantine_put(void *p, unsigned long usable)
{
	local.busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (!local.key_set)
	{
		static pthread_once_t key_once = PTHREAD_ONCE_INIT;
		pthread_once(&key_once, make_key);
		local.key_set = !exit_key_made || pthread_setspecific(exit_key, &local) == 0;
	}
	local.chunk[local.n] = p;
	local.usable[local.n] = usable;
	/* A batch holds small chunks only, so what waits outside the limit stays small. */
	if (++local.n == BATCH || usable > BATCH_CHUNK_MAX)
		hand_over(&local);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	local.busy = 0;
}

/* Appends the batch to the FIFO and gives the oldest chunks back to glibc while it is too full. */
static void hand_over(struct batch *b)
{
	void *evicted[64];
	unsigned n_evicted;
	pthread_mutex_lock(&lock);
	unsigned long mask = cap - 1;
	for (unsigned i = 0; i < b->n; i++)
	{
		ring[(head + count) & mask] = (struct held){ b->chunk[i], b->usable[i] };
		count++;
		bytes += b->usable[i];
	}
	b->n = 0;
	do
	{
		n_evicted = 0;
		while ((bytes > limit || count + BATCH > cap) && count > 0 && n_evicted < 64)
		{
			struct held old = ring[head];
			head = (head + 1) & mask;
			count--;
			bytes -= old.usable < bytes ? old.usable : bytes;
			/* Its header and trailer were last touched a quarantine ago: fetch them while the rest is collected. */
			__builtin_prefetch((char *)old.chunk - sizeof(unsigned long), 1);
			__builtin_prefetch((char *)old.chunk + old.usable - TRAILER_SIZE, 0);
			evicted[n_evicted++] = old.chunk;
		}
		if (n_evicted == 0)
			break;
		pthread_mutex_unlock(&lock);
		/* Out of the index first: once glibc has a chunk, malloc may hand its address out again. */
		for (unsigned i = 0; i < n_evicted; i++)
		{
			heap_index_remove(evicted[i], NULL);
			next_allocator()->free(evicted[i]);
		}
		pthread_mutex_lock(&lock);
	} while (n_evicted == 64);
	pthread_mutex_unlock(&lock);
}
