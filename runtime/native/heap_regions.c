/* heap_regions.c: the table of heap regions (heap_regions.h), kept from the events of glibc's allocator built
 * standalone. Its hook runs with an arena lock held and must not allocate: a fixed table, whose writers a spin lock
 * serialises and whose readers (the runtime's queries) never block, under the sequence lock of the other tables. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include "heap_regions.h"
#include "seqlock.h"

/* The values of glibc_malloc.h's enum glibc_malloc_region_event (that header belongs to glibc-malloc/, which this
 * layer does not build against). */
enum
{
	MORECORE_GREW = 1,
	MORECORE_SHRANK = 2,
	MAPPED = 3,
	UNMAPPED = 4,
	REMAPPED_FROM = 5,
	REMAPPED_TO = 6,
};

struct region
{
	uintptr_t start, end;
	int kind;
};

#define MAX_REGIONS 4096
static struct region regions[MAX_REGIONS];
static unsigned n_regions;
static int table_lock;          /* writers */
static unsigned long table_seq; /* readers (seqlock.h) */

static void lock(void)
{
	while (__atomic_exchange_n(&table_lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	seqlock_write_begin(&table_seq);
}

static void unlock(void)
{
	seqlock_write_end(&table_seq);
	__atomic_store_n(&table_lock, 0, __ATOMIC_RELEASE);
}

static void add(uintptr_t start, uintptr_t end, int kind)
{
	if (n_regions == MAX_REGIONS)
		return;   /* lost: its addresses answer "no known region", and the runtime reads /proc/self/maps instead */
	regions[n_regions++] = (struct region){ start, end, kind };
}

/* Removes [start, end) from every region of `kind`, splitting a region it falls inside. */
static void cut(uintptr_t start, uintptr_t end, int kind)
{
	for (unsigned i = 0; i < n_regions; i++)
	{
		struct region r = regions[i];
		if (r.kind != kind || r.end <= start || r.start >= end)
			continue;
		if (r.start < start && r.end > end)
		{
			regions[i].end = start;
			add(end, r.end, kind);
		}
		else if (r.start < start)
			regions[i].end = start;
		else if (r.end > end)
			regions[i].start = end;
		else
		{
			regions[i--] = regions[--n_regions];
		}
	}
}

static void on_region(int event, void *start_p, size_t length)
{
	uintptr_t start = (uintptr_t)start_p, end = start + length;
	lock();
	switch (event)
	{
	case MORECORE_GREW:
	{
		unsigned i;
		for (i = 0; i < n_regions; i++)
		{
			if (regions[i].kind == LIBALLOCS_HEAP_REGION_MORECORE && regions[i].end == start)
			{
				regions[i].end = end;   /* contiguous growth, the common case */
				break;
			}
		}
		if (i == n_regions)
			add(start, end, LIBALLOCS_HEAP_REGION_MORECORE);
		break;
	}
	case MORECORE_SHRANK:
		cut(start, end, LIBALLOCS_HEAP_REGION_MORECORE);
		break;
	case MAPPED:
	case REMAPPED_TO:
		/* A fixed mapping over part of a region (an arena heap decommitted in place) replaces that part. */
		cut(start, end, LIBALLOCS_HEAP_REGION_MAPPED);
		add(start, end, LIBALLOCS_HEAP_REGION_MAPPED);
		break;
	case UNMAPPED:
	case REMAPPED_FROM:
		cut(start, end, LIBALLOCS_HEAP_REGION_MAPPED);
		break;
	}
	unlock();
}

/* A forked child has only the forking thread: another thread that held the table's lock at the fork (the lock is taken
 * without an arena lock too, when a large chunk is unmapped) never lets it go there, and may have left the table half
 * changed. The child then starts from an empty table, where /proc/self/maps answers. (A prepare handler taking the
 * lock could deadlock: the hook runs with an arena lock held, which glibc-malloc's own prepare handler takes, in an
 * order this library does not choose.) */
static void fork_child(void)
{
	if (__atomic_load_n(&table_lock, __ATOMIC_RELAXED))
	{
		n_regions = 0;
		__atomic_store_n(&table_seq, (table_seq + 1) & ~1ul, __ATOMIC_RELEASE);
		__atomic_store_n(&table_lock, 0, __ATOMIC_RELEASE);
	}
}

void heap_regions_listen(void)
{
	void *(*set_hook)(void (*)(int, void *, size_t));
	*(void **)&set_hook = dlsym(RTLD_NEXT, "glibc_malloc_set_region_hook");
	if (set_hook == NULL)
		return;
	pthread_atfork(NULL, NULL, fork_child);
	set_hook(on_region);
}

/* Never waits for a writer for long: a query may come from a signal handler that interrupted one on its own thread. */
int heap_region_of(const void *p, uintptr_t *start, uintptr_t *length)
{
	uintptr_t a = (uintptr_t)p;
	unsigned tries = 0;
	for (;;)
	{
		unsigned long s1 = __atomic_load_n(&table_seq, __ATOMIC_ACQUIRE);
		if (!(s1 & 1))
		{
			struct region found = { 0, 0, 0 };
			unsigned n = __atomic_load_n(&n_regions, __ATOMIC_RELAXED);
			if (n > MAX_REGIONS)
				n = MAX_REGIONS;   /* torn; the sequence check rejects it */
			for (unsigned i = 0; i < n; i++)
			{
				struct region r = { __atomic_load_n(&regions[i].start, __ATOMIC_RELAXED),
					__atomic_load_n(&regions[i].end, __ATOMIC_RELAXED), __atomic_load_n(&regions[i].kind, __ATOMIC_RELAXED) };
				if (a >= r.start && a < r.end)
				{
					found = r;
					break;
				}
			}
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			if (__atomic_load_n(&table_seq, __ATOMIC_RELAXED) == s1)
			{
				*start = found.start;
				*length = found.end - found.start;
				return found.kind;
			}
		}
		if (!seqlock_backoff(&tries))
			return 0;   /* writers kept it busy: "no known region", and /proc/self/maps answers */
	}
}
