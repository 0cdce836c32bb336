/* malloc_interposers.c: the malloc family, forwarding to the allocator beneath and indexing every chunk. */
/*
 * The executable links libliballocs.so ahead of libc, so these definitions win symbol lookup
 * for every malloc in the process, including those made inside libc (strdup, fopen, getline)
 * and by ld.so after start-up. Each allocation asks the allocator beneath (next_allocator.h: the
 * next malloc in lookup order, glibc's own or glibc's built standalone) for TRAILER_SIZE more
 * bytes, writes the trailer at the end of the chunk's usable area and sets the chunk's index entry.
 *
 * Rules for this file: no locks and no C# on the common path, and no call that can allocate
 * (it would recurse): the allocator beneath is found once, by dlsym, with the bootstrap area
 * serving what dlsym itself allocates. (Under Valgrind, where every entry point passes straight
 * through, malloc_usable_size finds Valgrind's through dlsym: its allocations pass through too,
 * so nothing recurses.)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <unistd.h>
#include "heap_index.h"
#include "next_allocator.h"

/* The caller of the exported malloc-family function this is inlined into (the allocation's
 * provenance when no instrumented site claims it). */
#define CALLER __builtin_return_address(0)

/* Writes the trailer of the chunk glibc just returned (allocated by a call from `caller`) and indexes it. */
static inline void *track(void *p, size_t requested, const struct __liballocs_allocsite *site, const void *caller)
{
	if (__builtin_expect(p == NULL, 0))
		return NULL;
	unsigned long header = chunk_header(p);
	unsigned long usable = chunk_usable(header);
	if (__builtin_expect(usable < TRAILER_SIZE, 0))
		return p;   /* not a glibc chunk header; cannot happen with a glibc-derived allocator beneath */
	struct chunk_trailer *t = chunk_trailer(p, usable);
	/* Atomic (relaxed) because a lookup of a neighbouring address may read a stale bit for this
	 * address and race with these stores; the release in heap_index_insert publishes them. */
	__atomic_store_n(&t->requested_size, chunk_size_word(t, requested), __ATOMIC_RELAXED);
	__atomic_store_n(&t->site, site, __ATOMIC_RELAXED);
	__atomic_store_n(&t->alloc_caller, caller, __ATOMIC_RELAXED);
	heap_index_insert(p, requested, site, caller, chunk_is_mmapped(header));
	return p;
}

/* Fill of new chunks (ASan's malloc_fill_byte, max_malloc_fill_size): the first bytes of each chunk
 * that is not calloc'd get a fixed value. Without it a program that reads a new chunk before
 * writing it sees whatever the memory held before, and the quarantine changes which memory that
 * is; with it, reads of those first bytes see the fill in every run (bytes past the limit, and the
 * grown part of a chunk the index does not know, still hold what they held). -1: not read yet. */
static long fill_limit = -1;
static unsigned char fill_byte;

static long read_fill_options(void)
{
	__atomic_store_n(&fill_byte, (unsigned char)__liballocs_c_option("malloc_fill_byte", LIBALLOCS_MALLOC_FILL_BYTE_DEFAULT, 255),
		__ATOMIC_RELAXED);
	long limit = (long)__liballocs_c_option("max_malloc_fill_size", LIBALLOCS_MAX_MALLOC_FILL_SIZE_DEFAULT, 1ul << 30);
	/* Two threads may both get here first; they compute the same values. Before libc has set
	 * up the environment (an early malloc of the dynamic loader), use the defaults once more. */
	if (environ != NULL)
		__atomic_store_n(&fill_limit, limit, __ATOMIC_RELEASE);
	return limit;
}

#define SMALL_FILL 64

/* Fills bytes [from, size) of the new chunk at p, up to the fill limit. */
static inline void fill(void *p, size_t from, size_t size)
{
	long limit = __atomic_load_n(&fill_limit, __ATOMIC_ACQUIRE);
	if (__builtin_expect(limit < 0, 0))
	{
		int saved_errno = errno;
		limit = read_fill_options();
		errno = saved_errno;
	}
	size_t end = size < (size_t)limit ? size : (size_t)limit;
	if (p == NULL || from >= end)
		return;
	unsigned char byte = __atomic_load_n(&fill_byte, __ATOMIC_RELAXED);
	if (from == 0 && end == size && end <= SMALL_FILL)
	{
		/* Most chunks are small: whole words, without a call. The last word may run past the size asked for, into the
		 * chunk's slack but never its trailer, which lies a multiple of 8 bytes from p. */
		uint64_t word = byte * 0x0101010101010101ull;
		for (size_t i = 0; i < end; i += sizeof word)
			__builtin_memcpy((char *)p + i, &word, sizeof word);
		return;
	}
	memset((char *)p + from, byte, end - from);
}

/* Under Valgrind (its preload objects in LD_PRELOAD), the allocator beneath is Valgrind's
 * allocator, whose chunks have no glibc header to find a trailer by: every entry point passes
 * straight through, untracked, and api.c does not load the runtime either. Decided at the first
 * call once libc has set up the environment. -1: not decided yet. */
static int passthrough = -1;

static int decide_passthrough(void)
{
	if (environ == NULL)
		return 0;
	const char *preload = getenv("LD_PRELOAD");
	int v = preload != NULL && strstr(preload, "/vgpreload_core") != NULL;
	__atomic_store_n(&passthrough, v, __ATOMIC_RELAXED);
	return v;
}

static inline int pass_through(void)
{
	int v = __atomic_load_n(&passthrough, __ATOMIC_RELAXED);
	return __builtin_expect(v < 0, 0) ? decide_passthrough() : v;
}

/* 1 when the calling thread is inside the next allocator's resolution (dlsym allocating): its allocations come from
 * the bootstrap area. Otherwise resolves the next allocator if no thread has yet, and says 0. */
static inline int bootstrapping(void)
{
	if (__builtin_expect(__atomic_load_n(&next_allocator_table.valloc, __ATOMIC_ACQUIRE) != NULL, 1))
		return 0;
	if (next_allocator_resolving())
		return 1;
	next_allocator_resolve();
	return 0;
}

int __liballocs_under_valgrind(void)
{
	return pass_through();
}

/* Says on stderr, without allocating, that the program misused the chunk at p: "liballocs: <what>0x<p><tail>". */
static void say_about_chunk(const char *what, const void *p, const char *tail)
{
	char text[256] = "liballocs: ";
	size_t n = strlen(text), tail_length = strlen(tail);
	if (tail_length > 120)
		tail_length = 120;
	for (const char *w = what; *w && n < sizeof text - (2 + 16 + tail_length); )   /* room for 0x, 16 digits, the tail */
		text[n++] = *w++;
	static const char hex[] = "0123456789abcdef";
	text[n++] = '0';
	text[n++] = 'x';
	int started = 0;
	for (int shift = 60; shift >= 0; shift -= 4)
	{
		unsigned digit = (unsigned)((uintptr_t)p >> shift) & 15;
		if (digit || started || shift == 0)
		{
			text[n++] = hex[digit];
			started = 1;
		}
	}
	memcpy(text + n, tail, tail_length);
	n += tail_length;
	ssize_t unused = write(STDERR_FILENO, text, n);
	(void)unused;
}

/* Says that the program misused the freed chunk at p, which waits in the quarantine. */
static void misuse(const char *what, const void *p)
{
	say_about_chunk(what, p, " (it waits in the quarantine); ignored\n");
}

/* Says that the trailer of the chunk at p fails its check value (heap_index_small_state's 3), found by a free or a realloc:
 * the chunk may be live, or wait in the quarantine, overwritten since (its freed mark is in the damaged word, and eviction
 * frees it then); giving it to glibc now could free it twice, and its site may point anywhere, so it is left where it is. */
static void overwritten(const char *what, const void *p)
{
	say_about_chunk(what, p, ": its metadata was overwritten (did its data overflow?); not given to glibc, which could get it twice\n");
}

/* The chunk at p, whose trailer fails its check value, is freed as far as checks go (what lived inside it, and facts about
 * it, die with it) but never given to glibc (see overwritten). */
static void forget_damaged(void *p)
{
	unsigned long before_trailer = chunk_usable(chunk_header(p)) - TRAILER_SIZE;
	check_facts_invalidate_range(p, before_trailer);
	suballoc_forget_range(p, before_trailer);
	inferred_forget_range(p, before_trailer, 0);
}

/* requested (at least FREE_CALLER_BYTES) + TRAILER_SIZE, or 0 (with errno = ENOMEM) when that overflows. */
static inline size_t padded(size_t requested)
{
	size_t n;
	if (requested < FREE_CALLER_BYTES)
		requested = FREE_CALLER_BYTES;
	if (__builtin_expect(__builtin_add_overflow(requested, TRAILER_SIZE, &n), 0))
	{
		errno = ENOMEM;
		return 0;
	}
	return n;
}

/* malloc(size) called from `caller`, the chunk given `site` (null: none yet). */
static inline void *do_malloc(size_t size, const struct __liballocs_allocsite *site, const void *caller)
{
	size_t n = padded(size);
	void *p = n ? track(next_allocator()->malloc(n), size, site, caller) : NULL;
	fill(p, 0, size);
	return p;
}

/* Puts the live small chunk at p (heap_index_small_state said so, reading trailer t's size word as `size`) into the
 * quarantine, marked freed by `caller`; 0 when the quarantine does not take it. */
static int quarantine(void *p, struct chunk_trailer *t, unsigned long size, const void *caller)
{
	unsigned long usable = (uintptr_t)t + TRAILER_SIZE - (uintptr_t)p;
	if (!quarantine_accepts(usable))
		return 0;
	/* One of two threads freeing p at once wins; the other is told of its double free (and glibc
	 * must never get the chunk twice). Only the winner writes the free caller into the chunk, after its mark: before, the
	 * chunk may still be another thread's, or glibc's (a lookup between the two reads it as overwritten). */
	if (size & CHUNK_FREED)
	{
		misuse("double free of the heap chunk at ", p);
		return 1;
	}
	/* A failed exchange reloads size: freed by the other thread, or only marked CHUNK_HOLDS_SUBALLOC meanwhile (try again). */
	while (!__atomic_compare_exchange_n(&t->requested_size, &size, size | CHUNK_FREED, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
	{
		if (size & CHUNK_FREED)
		{
			misuse("double free of the heap chunk at ", p);
			return 1;
		}
	}
	chunk_set_free_caller(p, caller);
	size &= CHUNK_SIZE_MASK;
	if (size > usable - TRAILER_SIZE)
		size = usable - TRAILER_SIZE;   /* an overflow the 14-bit check value missed (1 in 16384) */
	/* Facts cached about it must not answer checks on stale pointers (sequentially consistent, as the exchange above:
	 * heap_index_mark_facts_live orders its mark against both). */
	if (site_has_facts(__atomic_load_n(&t->site, __ATOMIC_SEQ_CST)))
		check_facts_invalidate_range(p, size);
	suballoc_forget_range(p, size);
	inferred_forget_range(p, size, 0);
	quarantine_put(p, usable);
	return 1;
}

static void do_free(void *p, const void *caller)
{
	if (p == NULL)
		return;
	struct chunk_trailer *t;
	unsigned long size_word;
	switch (heap_index_small_state(p, &t, &size_word))
	{
	case 2:
		misuse("double free of the heap chunk at ", p);
		return;
	case 3:
		overwritten("free of the heap chunk at ", p);
		forget_damaged(p);
		return;
	case 1:
		if (quarantine(p, t, size_word, caller))
			return;
		break;
	}
	/* Unindex first: once glibc has the chunk, another thread may get the same address from
	 * malloc and set its bit, which clearing afterwards would destroy. */
	struct __liballocs_heap_chunk old;
	if (heap_index_remove(p, &old))
	{
		if (site_has_facts(old.site))
			check_facts_invalidate_range(p, old.size);
		/* Suballocated chunks carved out of it die with it (before glibc can reuse the memory). */
		suballoc_forget_range(p, old.size);
		inferred_forget_range(p, old.size, 0);
	}
	next_allocator()->free(p);
}

/* The site the chunk a realloc returns gets: the old chunk's (`old`, null when it had none or was not indexed), or with
 * `sited` the call's own `site` where __liballocs_heap_set_site would put it. */
static inline const struct __liballocs_allocsite *realloc_site(const struct __liballocs_allocsite *old,
	const struct __liballocs_allocsite *site, int sited)
{
	return sited && site_replaces(old, site) ? site : old;
}

/* realloc(p, size) called from `caller`; with `sited`, as __liballocs_heap_set_site(realloc(p, size), site) would be. */
static void *do_realloc(void *p, size_t size, const struct __liballocs_allocsite *site, int sited, const void *caller)
{
	if (p == NULL)
		return do_malloc(size, realloc_site(NULL, site, sited), caller);
	struct chunk_trailer *t;
	unsigned long size_word;
	switch (heap_index_small_state(p, &t, &size_word))
	{
	case 2:
		misuse("realloc of the freed heap chunk at ", p);
		errno = ENOMEM;
		return NULL;
	case 3:
	{
		/* A new chunk with what the old one held (up to its trailer); the old one is treated as by free. */
		overwritten("realloc of the heap chunk at ", p);
		void *q = size ? do_malloc(size, realloc_site(NULL, site, sited), caller) : NULL;
		if (q)
		{
			unsigned long before_trailer = chunk_usable(chunk_header(p)) - TRAILER_SIZE;
			memcpy(q, p, size < before_trailer ? size : before_trailer);
		}
		forget_damaged(p);
		return q;
	}
	}
	if (size == 0)
	{
		/* glibc (REALLOC_ZERO_BYTES_FREES) frees and returns null; with the trailer added we
		 * would otherwise ask for TRAILER_SIZE bytes and keep the chunk. */
		do_free(p, caller);
		return NULL;
	}
	size_t n = padded(size);
	if (n == 0)
		return NULL;
	struct __liballocs_heap_chunk old;
	int was_indexed = heap_index_remove(p, &old);
	/* Facts about the old chunk die with it even when it grows in place (its size changes). */
	if (was_indexed && site_has_facts(old.site))
		check_facts_invalidate_range(p, old.size);
	/* Suballocated chunks inside it are stale if it moves, and glibc may hand the old memory to
	 * another thread before we learn whether it did: forget them now (a pool that reallocates its
	 * block in place and keeps using its chunks loses them: they answer as part of the block). */
	if (was_indexed)
	{
		suballoc_forget_range(p, old.size);
		inferred_forget_range(p, old.size, 0);
	}
	void *q = next_allocator()->realloc(p, n);
	if (q == NULL)
	{
		/* The old chunk is untouched, trailer included; put its entry back. */
		if (was_indexed)
			heap_index_insert(p, old.size, old.site, old.alloc_caller, chunk_is_mmapped(chunk_header(p)));
		return NULL;
	}
	/* The part a growing chunk gains is new memory (known only for an indexed chunk). */
	if (was_indexed)
		fill(q, old.size, size);
	/* The chunk keeps its allocation site across realloc. */
	return track(q, size, realloc_site(was_indexed ? site_without_flag(old.site) : NULL, site, sited), caller);
}

static inline void *do_memalign(size_t alignment, size_t size, const void *caller)
{
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->memalign(alignment, size);
	size_t n = padded(size);
	/* glibc rounds a non-power-of-two alignment up and rejects huge ones with EINVAL. */
	void *p = n ? track(next_allocator()->memalign(alignment, n), size, NULL, caller) : NULL;
	fill(p, 0, size);
	return p;
}

/* The bodies of malloc, calloc and realloc, which their sited entry points (__liballocs_malloc_at...) share: the chunk gets
 * `site`, for realloc only with `sited` (see do_realloc). */
static inline __attribute__((always_inline)) void *malloc_body(size_t size, const struct __liballocs_allocsite *site, const void *caller)
{
	if (__builtin_expect(bootstrapping(), 0))
		return bootstrap_alloc(size, 16);
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->malloc(size);
	return do_malloc(size, site, caller);
}

static inline __attribute__((always_inline)) void *calloc_body(size_t nmemb, size_t size, const struct __liballocs_allocsite *site,
	const void *caller)
{
	size_t total;
	if (__builtin_mul_overflow(nmemb, size, &total))
	{
		errno = ENOMEM;
		return NULL;
	}
	if (__builtin_expect(bootstrapping(), 0))
		return bootstrap_alloc(total, 16);   /* static memory: zero until used, never reused */
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->calloc(nmemb, size);
	size_t n = padded(total);
	/* glibc zeroes the whole chunk, trailer included, before we write the trailer. */
	return n ? track(next_allocator()->calloc(1, n), total, site, caller) : NULL;
}

/* realloc of a bootstrap chunk: a new chunk with its contents (the old one stays). */
static void *realloc_bootstrap(void *p, size_t size, const struct __liballocs_allocsite *site, int sited, const void *caller)
{
	void *q = bootstrapping() ? bootstrap_alloc(size, 16) : pass_through() ? next_allocator()->malloc(size)
		: do_malloc(size, realloc_site(NULL, site, sited), caller);
	if (q != NULL)
	{
		size_t old = bootstrap_size(p);
		memcpy(q, p, old < size ? old : size);
	}
	return q;
}

static inline __attribute__((always_inline)) void *realloc_body(void *p, size_t size, const struct __liballocs_allocsite *site, int sited,
	const void *caller)
{
	if (__builtin_expect(bootstrap_owns(p), 0))
		return realloc_bootstrap(p, size, site, sited, caller);
	if (__builtin_expect(bootstrapping(), 0))
		return p == NULL ? bootstrap_alloc(size, 16) : NULL;
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->realloc(p, size);
	return do_realloc(p, size, site, sited, caller);
}

LIBALLOCS_EXPORT void *malloc(size_t size)
{
	return malloc_body(size, NULL, CALLER);
}

LIBALLOCS_EXPORT void free(void *p)
{
	if (__builtin_expect(bootstrap_owns(p), 0))
		return;   /* bootstrap chunks live as long as the process */
	/* Resolving the next allocator on this thread: dlsym frees what a malloc of the program's own (which won symbol
	 * lookup) gave it, and there is no free to give it to yet; it is kept, as bootstrap chunks are. */
	if (__builtin_expect(bootstrapping(), 0))
		return;
	if (__builtin_expect(pass_through(), 0))
	{
		next_allocator()->free(p);
		return;
	}
	do_free(p, CALLER);
}

LIBALLOCS_EXPORT void *calloc(size_t nmemb, size_t size)
{
	return calloc_body(nmemb, size, NULL, CALLER);
}

LIBALLOCS_EXPORT void *realloc(void *p, size_t size)
{
	return realloc_body(p, size, NULL, 0, CALLER);
}

LIBALLOCS_EXPORT void *reallocarray(void *p, size_t nmemb, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(nmemb, size, &total))
	{
		errno = ENOMEM;
		return NULL;
	}
	return realloc_body(p, total, NULL, 0, CALLER);
}

/* ---- the sited entry points: a call of malloc, calloc or realloc at an instrumented site, the site given with it ---- */

/* This library's own definitions (a reference to `malloc` from here goes through the GOT to whichever definition won). */
extern __typeof__(malloc) own_malloc __attribute__((alias("malloc"), copy(malloc), visibility("hidden")));
extern __typeof__(calloc) own_calloc __attribute__((alias("calloc"), copy(calloc), visibility("hidden")));
extern __typeof__(realloc) own_realloc __attribute__((alias("realloc"), copy(realloc), visibility("hidden")));

/* Each takes the function the call names, as the instrumented file's reference resolves it. When that is not this
 * library's (the program defines its own malloc, or wraps it with ld's --wrap, or an allocator is preloaded ahead of this
 * library), that function is called and the site set afterwards, as for any chunk. */
LIBALLOCS_EXPORT void *__liballocs_malloc_at(size_t size, const struct __liballocs_allocsite *site, void *(*called)(size_t))
{
	if (__builtin_expect(called != own_malloc, 0))
		return __liballocs_heap_set_site(called(size), site);
	return malloc_body(size, site, CALLER);
}

LIBALLOCS_EXPORT void *__liballocs_calloc_at(size_t nmemb, size_t size, const struct __liballocs_allocsite *site,
	void *(*called)(size_t, size_t))
{
	if (__builtin_expect(called != own_calloc, 0))
		return __liballocs_heap_set_site(called(nmemb, size), site);
	return calloc_body(nmemb, size, site, CALLER);
}

LIBALLOCS_EXPORT void *__liballocs_realloc_at(void *p, size_t size, const struct __liballocs_allocsite *site,
	void *(*called)(void *, size_t))
{
	if (__builtin_expect(called != own_realloc, 0))
		return __liballocs_heap_set_site(called(p, size), site);
	return realloc_body(p, size, site, 1, CALLER);
}

LIBALLOCS_EXPORT int posix_memalign(void **memptr, size_t alignment, size_t size)
{
	/* POSIX: a power of two multiple of sizeof(void *); *memptr untouched on failure. */
	if (alignment % sizeof(void *) != 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
		return EINVAL;
	int saved_errno = errno;
	void *p = do_memalign(alignment, size, CALLER);
	if (p == NULL)
	{
		errno = saved_errno;   /* posix_memalign reports through its result, not errno */
		return ENOMEM;
	}
	*memptr = p;
	return 0;
}

LIBALLOCS_EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
	/* C17 7.22.3.1: an unsupported alignment fails. glibc 2.36 rounds it up instead (its
	 * aligned_alloc is memalign); 2.38 and later reject it with EINVAL, as we do. */
	if (alignment == 0 || (alignment & (alignment - 1)) != 0)
	{
		errno = EINVAL;
		return NULL;
	}
	return do_memalign(alignment, size, CALLER);
}

LIBALLOCS_EXPORT void *memalign(size_t alignment, size_t size)
{
	if (__builtin_expect(bootstrapping(), 0))
		return bootstrap_alloc(size, alignment);
	return do_memalign(alignment, size, CALLER);
}

LIBALLOCS_EXPORT void *valloc(size_t size)
{
	if (__builtin_expect(bootstrapping(), 0))
		return bootstrap_alloc(size, (size_t)getpagesize());
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->valloc(size);
	size_t n = padded(size);
	void *p = n ? track(next_allocator()->valloc(n), size, NULL, CALLER) : NULL;
	fill(p, 0, size);
	return p;
}

LIBALLOCS_EXPORT void *pvalloc(size_t size)
{
	if (__builtin_expect(bootstrapping(), 0))
		return bootstrap_alloc(size, (size_t)getpagesize());
	/* pvalloc hands out whole pages, all of which the program may use, so the trailer must go
	 * after the rounded size: pvalloc(size + 16) would round to the same page and put it inside
	 * them. (Under Valgrind, memalign of the rounded size is what pvalloc would give.) */
	size_t page = (size_t)getpagesize();
	size_t rounded;
	if (__builtin_add_overflow(size, page - 1, &rounded))
	{
		errno = ENOMEM;
		return NULL;
	}
	rounded &= ~(page - 1);
	if (__builtin_expect(pass_through(), 0))
		return next_allocator()->memalign(page, rounded);
	size_t n = padded(rounded);
	void *p = n ? track(next_allocator()->memalign(page, n), rounded, NULL, CALLER) : NULL;
	fill(p, 0, rounded);
	return p;
}

LIBALLOCS_EXPORT size_t malloc_usable_size(void *p)
{
	if (p == NULL)
		return 0;
	if (__builtin_expect(bootstrap_owns(p), 0))
		return bootstrap_size(p);
	if (__builtin_expect(pass_through(), 0))
	{
		/* Valgrind's own (it replaces libc's); looked up once: dlsym may allocate, which passes through. */
		static size_t (*next)(void *);
		size_t (*f)(void *) = __atomic_load_n(&next, __ATOMIC_ACQUIRE);
		if (f == NULL)
		{
			*(void **)&f = dlsym(RTLD_NEXT, "malloc_usable_size");
			__atomic_store_n(&next, f, __ATOMIC_RELEASE);
		}
		return f ? f(p) : 0;
	}
	/* Hide the trailer: programs that use the slack must not overwrite it. */
	unsigned long usable = chunk_usable(chunk_header(p));
	return usable >= TRAILER_SIZE ? usable - TRAILER_SIZE : 0;
}
