/* malloc_semantics.c: the interposed malloc family keeps glibc's standard behaviour, and the index follows each call. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "liballocs_c.h"
#include "check.h"

#define BIG LIBALLOCS_BIG_THRESHOLD

static const struct __liballocs_allocsite site_a = { "malloc_semantics.c", 1, 1, "main", "malloc", NULL, 0, 0, "malloc" };
static const struct __liballocs_allocsite site_b = { "malloc_semantics.c", 2, 1, "main", "malloc", NULL, 0, 0, "malloc" };

/* 0 when p resolves to base with this size and site. */
static int resolves(const void *p, const void *base, unsigned long size, const struct __liballocs_allocsite *site)
{
	struct __liballocs_heap_chunk c;
	if (__liballocs_heap_lookup(p, &c) != 0)
		return -1;
	return c.base == base && c.size == size && c.site == site ? 0 : -2;
}

static int unknown(const void *p)
{
	return __liballocs_heap_lookup(p, NULL) != 0;
}

/* Defeats the compiler's knowledge of malloc's contract (it folds malloc(SIZE_MAX) == NULL). */
static size_t opaque(size_t n)
{
	__asm__ volatile("" : "+r"(n));
	return n;
}

static void test_malloc_free(void)
{
	check_begin("malloc/free: sizes, malloc(0), ENOMEM, errno kept on success, free(NULL)");
	char *z = malloc(0);
	CHECK(z != NULL, "malloc(0) returned null");
	CHECK(resolves(z, z, 0, NULL) == 0, "malloc(0) chunk does not resolve at its base");
	CHECK(unknown(z + 1), "malloc(0) chunk contains its second byte");
	free(z);
	CHECK(unknown(z), "freed malloc(0) chunk still resolves");

	errno = 0;
	CHECK(malloc(opaque(SIZE_MAX)) == NULL && errno == ENOMEM, "malloc(SIZE_MAX): errno %d", errno);
	errno = 0;
	CHECK(malloc(opaque(SIZE_MAX - 8)) == NULL && errno == ENOMEM, "malloc(SIZE_MAX - 8): errno %d", errno);
	errno = 0;
	CHECK(malloc(opaque(PTRDIFF_MAX)) == NULL && errno == ENOMEM, "malloc(PTRDIFF_MAX): errno %d", errno);

	errno = 1234;
	for (size_t n = 1; n < (4u << 20); n = n * 3 + 1)
	{
		char *p = malloc(n);
		CHECK(p != NULL && ((uintptr_t)p & 15) == 0, "malloc(%zu) = %p", n, (void *)p);
		memset(p, 0x5A, n);
		CHECK(resolves(p, p, n, NULL) == 0, "malloc(%zu) base", n);
		CHECK(resolves(p + n - 1, p, n, NULL) == 0, "malloc(%zu) last byte", n);
		CHECK(__liballocs_heap_lookup(p + n, NULL) != 0 || resolves(p + n, p, n, NULL) == -2,
			"malloc(%zu): one past the end resolves to the chunk", n);
		free(p);
		CHECK(unknown(p), "freed malloc(%zu) still resolves", n);
	}
	CHECK(errno == 1234, "errno changed by successful malloc/free to %d", errno);
	free(NULL);
	check_end();
}

static void test_big_boundary(void)
{
	check_begin("small/big threshold: BIG-1 in the bitmap, BIG and mmapped chunks in the table");
	size_t sizes[] = { BIG - 1, BIG, BIG + 1, 8u << 20, 64u << 20 };
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
	{
		size_t n = sizes[i];
		char *p = malloc(n);
		CHECK(p != NULL, "malloc(%zu)", n);
		CHECK(__liballocs_heap_set_site(p, &site_a) == p, "set_site result");
		CHECK(resolves(p, p, n, &site_a) == 0, "%zu: base", n);
		CHECK(resolves(p + n / 2, p, n, &site_a) == 0, "%zu: middle", n);
		CHECK(resolves(p + n - 1, p, n, &site_a) == 0, "%zu: last byte", n);
		CHECK(unknown(p + n), "%zu: one past the end resolves", n);
		CHECK(unknown(p - 1), "%zu: byte before the base resolves", n);
		free(p);
		CHECK(unknown(p) && unknown(p + n / 2), "%zu: freed chunk still resolves", n);
	}
	check_end();
}

static void test_calloc(void)
{
	check_begin("calloc: zeroed (also reused memory), overflow is ENOMEM");
	char *dirty = malloc(1000);
	memset(dirty, 0xFF, 1000);
	free(dirty);
	char *p = calloc(10, 100);
	CHECK(p != NULL, "calloc(10, 100)");
	int zero = 1;
	for (int i = 0; i < 1000; i++)
		zero &= p[i] == 0;
	CHECK(zero, "calloc'd memory not zeroed");
	CHECK(resolves(p + 999, p, 1000, NULL) == 0, "calloc chunk");
	free(p);
	errno = 0;
	CHECK(calloc(opaque(SIZE_MAX / 2), 3) == NULL && errno == ENOMEM, "calloc overflow: errno %d", errno);
	errno = 0;
	CHECK(calloc(1, opaque(SIZE_MAX - 4)) == NULL && errno == ENOMEM, "calloc(1, SIZE_MAX-4): errno %d", errno);
	p = calloc(0, 5);
	CHECK(p != NULL && resolves(p, p, 0, NULL) == 0, "calloc(0, 5)");
	free(p);
	check_end();
}

static void test_realloc(void)
{
	check_begin("realloc: NULL, 0, grow/shrink across the threshold keep content and site, failure keeps the chunk");
	char *p = realloc(NULL, 10);
	CHECK(p != NULL && resolves(p, p, 10, NULL) == 0, "realloc(NULL, 10)");
	memcpy(p, "012345678", 10);
	__liballocs_heap_set_site(p, &site_b);
	size_t steps[] = { 100, 5000, BIG - 1, BIG, 3u << 20, BIG + 7, 40, 9 };
	size_t cur = 10;
	for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++)
	{
		char *q = realloc(p, steps[i]);
		CHECK(q != NULL, "realloc to %zu", steps[i]);
		if (q == NULL)
			break;
		CHECK(memcmp(q, "012345678", 9) == 0, "content lost growing %zu -> %zu", cur, steps[i]);
		CHECK(resolves(q, q, steps[i], &site_b) == 0, "realloc %zu -> %zu: chunk or site wrong", cur, steps[i]);
		CHECK(resolves(q + steps[i] - 1, q, steps[i], &site_b) == 0, "realloc to %zu: last byte", steps[i]);
		if (q != p)
			CHECK(unknown(p) || resolves(p, q, steps[i], &site_b) == 0, "old chunk %p still resolves", (void *)p);
		p = q;
		cur = steps[i];
	}

	errno = 0;
	char *q = realloc(p, opaque(SIZE_MAX - 100));
	CHECK(q == NULL && errno == ENOMEM, "realloc(p, SIZE_MAX-100): %p errno %d", (void *)q, errno);
	errno = 0;
	q = realloc(p, opaque(PTRDIFF_MAX));   /* glibc itself refuses this one */
	CHECK(q == NULL && errno == ENOMEM, "realloc(p, PTRDIFF_MAX): %p errno %d", (void *)q, errno);
	CHECK(resolves(p, p, cur, &site_b) == 0, "failed realloc lost the old chunk's entry");
	errno = 0;
	q = reallocarray(p, opaque(SIZE_MAX / 4), 8);
	CHECK(q == NULL && errno == ENOMEM, "reallocarray overflow: errno %d", errno);
	CHECK(resolves(p, p, cur, &site_b) == 0, "failed reallocarray lost the chunk");
	q = reallocarray(p, 30, 2);
	CHECK(q != NULL && resolves(q, q, 60, &site_b) == 0, "reallocarray(p, 30, 2)");
	p = q;

	/* Big chunk failing to grow keeps its table entry. */
	char *big = malloc(1u << 20);
	__liballocs_heap_set_site(big, &site_a);
	CHECK(realloc(big, opaque(SIZE_MAX - 64)) == NULL, "huge realloc of big chunk succeeded");
	CHECK(resolves(big + 12345, big, 1u << 20, &site_a) == 0, "failed big realloc lost the entry");
	free(big);

	q = realloc(p, 0);
	CHECK(q == NULL, "realloc(p, 0) returned %p", (void *)q);
	CHECK(unknown(p), "realloc(p, 0) did not free p");
	check_end();
}

static const struct uniqtype item_type = { .name = "item", .size = 16 };
static const struct __liballocs_allocsite typed_site = { "t.c", 1, 1, "f", "malloc", &item_type, 0, 0, "malloc" };
static const struct __liballocs_allocsite untyped_site = { "t.c", 2, 1, "f", "realloc", NULL, 0, 0, "malloc" };
static const struct __liballocs_allocsite other_typed_site = { "t.c", 3, 1, "f", "realloc", &item_type, 0, 0, "malloc" };

static const struct __liballocs_allocsite *site_of(const void *p)
{
	struct __liballocs_heap_chunk c;
	return __liballocs_heap_lookup(p, &c) == 0 ? c.site : NULL;
}

static void test_set_site_keeps_types(void)
{
	check_begin("set_site: a site without a type never replaces one with a type (small and big chunks)");
	unsigned long sizes[] = { 64, 1ul << 20 };
	for (int i = 0; i < 2; i++)
	{
		char *p = malloc(sizes[i]);
		__liballocs_heap_set_site(p, &untyped_site);
		CHECK(site_of(p) == &untyped_site, "an untyped chunk did not take an untyped site (size %lu)", sizes[i]);
		__liballocs_heap_set_site(p, &typed_site);
		CHECK(site_of(p) == &typed_site, "a typed site did not replace an untyped one (size %lu)", sizes[i]);
		p = realloc(p, 2 * sizes[i]);
		__liballocs_heap_set_site(p, &untyped_site);
		CHECK(site_of(p) == &typed_site, "realloc at an untyped site lost the type (size %lu)", sizes[i]);
		__liballocs_heap_set_site(p, &other_typed_site);
		CHECK(site_of(p) == &other_typed_site, "a typed site did not replace a typed one (size %lu)", sizes[i]);
		free(p);
	}
	check_end();
}

static unsigned long counted_mallocs, counted_callocs, counted_reallocs;
static void *counting_malloc(size_t n) { counted_mallocs++; return malloc(n); }
static void *counting_calloc(size_t n, size_t size) { counted_callocs++; return calloc(n, size); }
static void *counting_realloc(void *p, size_t n) { counted_reallocs++; return realloc(p, n); }

static void test_sited_entry_points(void)
{
	check_begin("malloc/calloc/realloc_at: the chunk gets the site as set_site after the call would give it (small and big chunks)");
	unsigned long sizes[] = { 64, 1ul << 20 };
	for (int i = 0; i < 2; i++)
	{
		unsigned long n = sizes[i];
		char *p = __liballocs_malloc_at(n, &untyped_site, malloc);
		CHECK(p != NULL && resolves(p + n - 1, p, n, &untyped_site) == 0, "malloc_at(%lu): chunk or site wrong", n);
		memset(p, 7, n);
		p = __liballocs_realloc_at(p, 2 * n, &typed_site, realloc);
		CHECK(p != NULL && resolves(p, p, 2 * n, &typed_site) == 0, "realloc_at(%lu) at a typed site: chunk or site wrong", 2 * n);
		CHECK(p[n - 1] == 7, "realloc_at(%lu) lost the contents", 2 * n);
		p = __liballocs_realloc_at(p, 3 * n, &untyped_site, realloc);
		CHECK(site_of(p) == &typed_site, "realloc_at(%lu) at an untyped site lost the type", 3 * n);
		p = __liballocs_realloc_at(p, n, &other_typed_site, realloc);
		CHECK(site_of(p) == &other_typed_site, "realloc_at(%lu) at another typed site kept the old one", n);
		CHECK(__liballocs_realloc_at(p, 0, &typed_site, realloc) == NULL && unknown(p), "realloc_at(p, 0) did not free p (size %lu)", n);
		p = __liballocs_realloc_at(NULL, n, &typed_site, realloc);
		CHECK(p != NULL && resolves(p, p, n, &typed_site) == 0, "realloc_at(NULL, %lu): chunk or site wrong", n);
		free(p);
		char *dirty = malloc(3 * n);
		memset(dirty, 0xFF, 3 * n);
		free(dirty);
		/* Not zeroed, a small chunk would hold the malloc fill (0xbe), whatever memory it reuses. */
		p = __liballocs_calloc_at(3, n, &typed_site, calloc);
		int zero = p != NULL;
		for (unsigned long k = 0; zero && k < 3 * n; k++)
			zero &= p[k] == 0;
		CHECK(zero && resolves(p + 3 * n - 1, p, 3 * n, &typed_site) == 0, "calloc_at(3, %lu): not zeroed, or chunk or site wrong", n);
		free(p);
	}
	/* A function other than the library's own (the program's, or ld's --wrap): called, and the site set afterwards. */
	char *p = __liballocs_malloc_at(100, &typed_site, counting_malloc);
	CHECK(counted_mallocs == 1 && p != NULL && resolves(p, p, 100, &typed_site) == 0, "malloc_at of another malloc: %lu calls",
		counted_mallocs);
	p = __liballocs_realloc_at(p, 200, &other_typed_site, counting_realloc);
	CHECK(counted_reallocs == 1 && p != NULL && resolves(p, p, 200, &other_typed_site) == 0, "realloc_at of another realloc: %lu calls",
		counted_reallocs);
	free(p);
	p = __liballocs_calloc_at(4, 25, &typed_site, counting_calloc);
	CHECK(counted_callocs == 1 && p != NULL && resolves(p, p, 100, &typed_site) == 0, "calloc_at of another calloc: %lu calls",
		counted_callocs);
	free(p);
	errno = 0;
	CHECK(__liballocs_calloc_at(opaque(SIZE_MAX / 2), 3, &typed_site, calloc) == NULL && errno == ENOMEM, "calloc_at overflow: errno %d", errno);
	errno = 0;
	CHECK(__liballocs_malloc_at(opaque(SIZE_MAX - 4), &typed_site, malloc) == NULL && errno == ENOMEM, "malloc_at(SIZE_MAX - 4): errno %d", errno);
	check_end();
}

static void test_aligned(void)
{
	check_begin("posix_memalign/aligned_alloc/memalign/valloc/pvalloc: validation, alignment, trailer outside the usable pages");
	void *p = (void *)0x1;
	size_t bad[] = { 0, 3, 4, 24, 48 };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
	{
		int rc = posix_memalign(&p, bad[i], 10);
		CHECK(rc == EINVAL && p == (void *)0x1, "posix_memalign(align %zu) = %d", bad[i], rc);
	}
	errno = 77;
	int rc = posix_memalign(&p, 64, opaque(SIZE_MAX - 10));
	CHECK(rc == ENOMEM && p == (void *)0x1 && errno == 77, "posix_memalign huge: %d errno %d", rc, errno);
	size_t aligns[] = { 8, 16, 64, 4096, 1u << 20 };
	for (unsigned i = 0; i < sizeof aligns / sizeof aligns[0]; i++)
	{
		size_t a = aligns[i];
		rc = posix_memalign(&p, a, 100);
		CHECK(rc == 0 && ((uintptr_t)p & (a - 1)) == 0 && resolves(p, p, 100, NULL) == 0, "posix_memalign(%zu)", a);
		free(p);
		char *q = aligned_alloc(a, 3 * a);
		CHECK(q && ((uintptr_t)q & (a - 1)) == 0 && resolves(q + 3 * a - 1, q, 3 * a, NULL) == 0, "aligned_alloc(%zu)", a);
		free(q);
		q = memalign(a, 7);
		CHECK(q && ((uintptr_t)q & (a - 1)) == 0 && resolves(q + 6, q, 7, NULL) == 0, "memalign(%zu)", a);
		free(q);
		CHECK(unknown(q), "freed memalign(%zu) chunk resolves", a);
	}
	errno = 0;
	CHECK(aligned_alloc(3, 10) == NULL && errno == EINVAL, "aligned_alloc(3, 10): errno %d", errno);
	errno = 0;
	CHECK(aligned_alloc(0, 10) == NULL && errno == EINVAL, "aligned_alloc(0, 10): errno %d", errno);
	char *m = memalign(48, 10);   /* glibc rounds the alignment up to 64 */
	CHECK(m && ((uintptr_t)m & 63) == 0, "memalign(48)");
	free(m);
	errno = 0;
	CHECK(memalign(opaque(SIZE_MAX / 2 + 2), 1) == NULL && errno == EINVAL, "memalign(huge alignment): errno %d", errno);

	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *v = valloc(10);
	CHECK(v && ((uintptr_t)v & (page - 1)) == 0 && resolves(v, v, 10, NULL) == 0, "valloc(10)");
	free(v);
	char *pv = pvalloc(10);
	CHECK(pv && ((uintptr_t)pv & (page - 1)) == 0, "pvalloc alignment");
	CHECK(resolves(pv, pv, page, NULL) == 0, "pvalloc(10) records a whole page");
	memset(pv, 0xEE, page);   /* the whole page is the program's */
	CHECK(resolves(pv + page - 1, pv, page, NULL) == 0, "pvalloc chunk after writing the page");
	free(pv);
	CHECK(unknown(pv), "freed pvalloc chunk");
	errno = 0;
	CHECK(pvalloc(opaque(SIZE_MAX - 10)) == NULL && errno == ENOMEM, "pvalloc overflow: errno %d", errno);
	check_end();
}

static void test_usable_size(void)
{
	check_begin("malloc_usable_size: 0 for NULL, >= request, slack writable without breaking the index");
	CHECK(malloc_usable_size(NULL) == 0, "malloc_usable_size(NULL)");
	for (size_t n = 0; n < 300; n++)
	{
		char *p = malloc(n);
		size_t u = malloc_usable_size(p);
		CHECK(u >= n, "usable %zu < %zu", u, n);
		memset(p, 0x11, u);
		CHECK(resolves(p, p, n, NULL) == 0, "chunk of %zu broken after writing %zu usable bytes", n, u);
		char *q = realloc(p, n + 1);
		CHECK(q && resolves(q, q, n + 1, NULL) == 0, "realloc after slack write");
		free(q);
	}
	check_end();
}

static void test_set_site(void)
{
	check_begin("set_site: only at the base of a live chunk");
	CHECK(__liballocs_heap_set_site(NULL, &site_a) == NULL, "set_site(NULL)");
	char *p = malloc(64);
	CHECK(__liballocs_heap_set_site(p + 16, &site_a) == p + 16, "set_site returns its argument");
	CHECK(resolves(p, p, 64, NULL) == 0, "set_site on an interior pointer changed the chunk");
	CHECK(__liballocs_heap_set_site(p + 1, &site_a) == p + 1 && resolves(p, p, 64, NULL) == 0, "unaligned");
	__liballocs_heap_set_site(p, &site_a);
	CHECK(resolves(p + 63, p, 64, &site_a) == 0, "site not recorded");
	__liballocs_heap_set_site(p, &site_b);
	CHECK(resolves(p, p, 64, &site_b) == 0, "site not replaced");
	free(p);
	int x;
	CHECK(__liballocs_heap_set_site(&x, &site_a) == &x, "set_site on a stack address");
	CHECK(__liballocs_heap_set_site((void *)0xffff800000000000ul, &site_a) == (void *)0xffff800000000000ul, "kernel address");
	check_end();
}

struct collected
{
	const void *bases[8];
	unsigned long sizes[8];
	int n, stop_after;
};

static int collect(const struct __liballocs_heap_chunk *c, void *arg)
{
	struct collected *k = arg;
	if (k->n < 8)
	{
		k->bases[k->n] = c->base;
		k->sizes[k->n] = c->size;
	}
	k->n++;
	return k->n == k->stop_after ? 42 : 0;
}

static void test_walk(void)
{
	check_begin("heap_walk: address order across bitmap and table, bounds, early stop");
	char *small = malloc(100), *big = malloc(2 * BIG), *small2 = malloc(200);
	char *lo = small, *hi = small;
	char *all[3] = { small, big, small2 };
	for (int i = 0; i < 3; i++)
	{
		if (all[i] < lo)
			lo = all[i];
		if (all[i] > hi)
			hi = all[i];
	}
	struct collected k = { .stop_after = -1 };
	CHECK(__liballocs_heap_walk(lo, hi + 1, collect, &k) == 0, "walk result");
	int seen = 0;
	for (int i = 0; i < k.n && i < 8; i++)
	{
		if (i > 0)
			CHECK(k.bases[i] > k.bases[i - 1], "walk out of order");
		for (int j = 0; j < 3; j++)
			seen += k.bases[i] == all[j];
	}
	CHECK(seen == 3, "walk saw %d of 3 chunks (%d visited)", seen, k.n);
	k = (struct collected){ .stop_after = 1 };
	CHECK(__liballocs_heap_walk(lo, hi + 1, collect, &k) == 42 && k.n == 1, "early stop: n=%d", k.n);
	k = (struct collected){ .stop_after = -1 };
	__liballocs_heap_walk(big, big + 1, collect, &k);
	CHECK(k.n == 1 && k.bases[0] == big && k.sizes[0] == 2 * BIG, "walk of [big, big+1): n=%d", k.n);
	k = (struct collected){ .stop_after = -1 };
	__liballocs_heap_walk(small + 1, small + 100, collect, &k);
	CHECK(k.n == 0, "walk of a chunk's interior visited %d", k.n);
	k = (struct collected){ .stop_after = -1 };
	CHECK(__liballocs_heap_walk(hi, lo, collect, &k) == 0 && k.n == 0, "empty range");
	free(small);
	free(big);
	free(small2);
	check_end();
}

static void test_fork(void)
{
	check_begin("fork: the child allocates big and small chunks and sees the parent's");
	char *parent_big = malloc(3 * BIG);
	pid_t pid = fork();
	if (pid == 0)
	{
		char *b = malloc(5 * BIG), *s = malloc(10);
		int ok = resolves(b + 1, b, 5 * BIG, NULL) == 0 && resolves(s, s, 10, NULL) == 0
			&& resolves(parent_big + 7, parent_big, 3 * BIG, NULL) == 0;
		free(b);
		free(s);
		_exit(ok ? 0 : 3);
	}
	int status = 0;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	free(parent_big);
	check_end();
}

/* 1 when bytes [from, to) of p all equal b. */
static int all_bytes(const void *p, size_t from, size_t to, unsigned char b)
{
	for (size_t i = from; i < to; i++)
		if (((const unsigned char *)p)[i] != b)
			return 0;
	return 1;
}

static void test_fill(void)
{
	check_begin("new chunks are filled with 0xbe up to 4096 bytes, calloc's are zeroed");
	/* The fill must hide what a freed chunk of the same size held. */
	for (int round = 0; round < 2; round++)
	{
		unsigned char *p = malloc(100);
		CHECK(p != NULL && all_bytes(p, 0, 100, 0xbe), "round %d", round);
		memset(p, 'x', 100);
		free(p);
	}
	/* Small chunks are filled a word at a time: every size, and the trailer past it intact (the chunk still resolves). */
	for (size_t n = 1; n <= 72; n++)
	{
		unsigned char *p = malloc(n);
		struct __liballocs_heap_chunk c;
		CHECK(p != NULL && all_bytes(p, 0, n, 0xbe) && __liballocs_heap_lookup(p, &c) == 0 && c.size == n, "malloc(%zu)", n);
		free(p);
	}
	unsigned char *big = malloc(3 * BIG);
	CHECK(big != NULL && all_bytes(big, 0, 4096, 0xbe), "big chunk");
	free(big);
	unsigned char *z = calloc(1, 100);
	CHECK(z != NULL && all_bytes(z, 0, 100, 0), "calloc");
	free(z);
	unsigned char *a = memalign(64, 200);
	CHECK(a != NULL && all_bytes(a, 0, 200, 0xbe), "memalign");
	free(a);
	/* realloc keeps the old bytes and fills the part it gains. */
	unsigned char *r = malloc(16);
	memset(r, 'y', 16);
	r = realloc(r, 300);
	CHECK(r != NULL && all_bytes(r, 0, 16, 'y') && all_bytes(r, 16, 300, 0xbe), "realloc");
	free(r);
	check_end();

	check_begin("max_malloc_fill_size and malloc_fill_byte are read from LIBALLOCS_OPTIONS");
	pid_t pid = fork();
	if (pid == 0)
	{
		char *argv[] = { "malloc_semantics", "fill-child", NULL };
		char *envp[] = { "LIBALLOCS_OPTIONS= max_malloc_fill_size = 8 :malloc_fill_byte=7", NULL };   /* white space as the table allows */
		execve("/proc/self/exe", argv, envp);
		_exit(3);
	}
	int status = 0;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	check_end();
}

/* The child of test_fill: 0 when its first chunk has 8 bytes of 7 and then not all of 7. */
static int fill_child(void)
{
	unsigned char *p = malloc(64);
	return p != NULL && all_bytes(p, 0, 8, 7) && !all_bytes(p, 8, 64, 7) ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "fill-child") == 0)
		return fill_child();
	check_program = "malloc_semantics";
	test_malloc_free();
	test_big_boundary();
	test_calloc();
	test_realloc();
	test_set_site_keeps_types();
	test_sited_entry_points();
	test_aligned();
	test_usable_size();
	test_set_site();
	test_walk();
	test_fork();
	test_fill();
	return check_exit_status();
}
