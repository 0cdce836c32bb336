/* suballoc_hierarchy.c: suballocated chunks and allocator instances through the public API, the
 * real C layer and the real runtime (SuballocHierarchyTests reads the "name: value" lines).
 * Calls what allocscc would emit by hand: __liballocs_suballoc_alloc/_free/_release with
 * hand-written allocation sites (instance "pool"; a malloc wrapper "xmalloc" through
 * __liballocs_heap_set_site), and cast checks through __liballocs_check_slow. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "allocs.h"
#include "liballocs_meta.h"
#include "liballocs_checks.h"

static const struct uniqtype t_long = { .name = "int$64", .kind = UNIQTYPE_KIND_BASE, .flags = UNIQTYPE_F_SIGNED, .size = 8 };
static const struct uniqtype t_int = { .name = "int$32", .kind = UNIQTYPE_KIND_BASE, .flags = UNIQTYPE_F_SIGNED, .size = 4 };
static const struct uniqtype t_double = { .name = "float$64", .kind = UNIQTYPE_KIND_BASE, .flags = UNIQTYPE_F_FLOAT, .size = 8 };
static const struct uniqtype_member node_members[] = {
	{ .name = "key", .offset = 0, .type = &t_long },
	{ .name = "value", .offset = 8, .type = &t_long },
	{ .name = "weight", .offset = 16, .type = &t_double },
};
static const struct uniqtype t_node = { .name = "node", .kind = UNIQTYPE_KIND_COMPOSITE, .size = 24, .count = 3, .members = node_members };
static const struct uniqtype_member circle_members[] = {
	{ .name = "r", .offset = 0, .type = &t_double },
	{ .name = "c", .offset = 8, .type = &t_double },
};
static const struct uniqtype t_circle = { .name = "circle", .kind = UNIQTYPE_KIND_COMPOSITE, .size = 16, .count = 2, .members = circle_members };
static const struct uniqtype *const types[] = { &t_long, &t_int, &t_double, &t_node, &t_circle };

static const struct __liballocs_allocsite sites[] = {
	{ "pool_user.c", 10, 5, "make_node", "pool_alloc", &t_node, 0, 0, "pool" },
	{ "pool_user.c", 11, 9, "make_raw", "pool_alloc", NULL, 0, 0, "pool" },
	{ "wrap.c", 20, 7, "make_buf", "xcalloc", &t_int, LIBALLOCS_ALLOCSITE_F_ARRAY, 0, "xmalloc" },
};
#define SITE_NODE (&sites[0])
#define SITE_RAW (&sites[1])
#define SITE_XCALLOC (&sites[2])
static struct __liballocs_tu_meta tu = {
	LIBALLOCS_META_VERSION, "pool_user.c", 0, NULL, 3, sites, 5, types, NULL, NULL, NULL
};

static struct __liballocs_castsite to_node = { "pool_user.c", 30, 12, "use", LIBALLOCS_CHECK_IS_A, 0, &t_node, "node", "struct node *" };
static struct __liballocs_castsite to_circle = { "pool_user.c", 31, 12, "use", LIBALLOCS_CHECK_IS_A, 0, &t_circle, "circle", "struct circle *" };
static struct __liballocs_castsite to_double = { "pool_user.c", 32, 12, "use", LIBALLOCS_CHECK_IS_A, 0, &t_double, "float$64", "double *" };

/* A pool over static memory: its chunks' holder is the static allocator. */
char static_pool[256] __attribute__((aligned(16)));

static const char *name_of(const struct allocator *a)
{
	return a ? a->name : "(none)";
}

static void level(const char *label, const void *p, unsigned n, const void *origin)
{
	struct alloc_info info;
	if (alloc_get_info_at_level(p, n, &info) != 0)
	{
		printf("%s: none\n", label);
		return;
	}
	printf("%s: %s base=%+ld size=%lu type=%s\n", label, name_of(info.allocator),
		(long)((const char *)info.base - (const char *)origin), info.size,
		info.type ? info.type->name : "-");
}

static int count_walk(const struct alloc_info *info, void *arg)
{
	(void)info;
	++*(int *)arg;
	return 0;
}

static unsigned long generation(void)
{
	return __atomic_load_n(&__liballocs_free_generation, __ATOMIC_ACQUIRE);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	__liballocs_register_tu(&tu);
	int arena, other_arena;

	/* A pool chunk inside a malloc'd block. */
	char *block = malloc(4096);
	char *node = __liballocs_suballoc_alloc(block + 64, 24, &arena, SITE_NODE);
	const struct allocator *pool = alloc_get_allocator(node + 8);
	printf("node allocator: %s\n", name_of(pool));
	printf("node parent: %s\n", name_of(pool ? pool->parent : NULL));
	printf("node size: %lu\n", alloc_get_size(node + 8));
	printf("node base: %+ld\n", (long)((const char *)alloc_get_base(node + 23) - node));
	printf("node type: %s\n", UNIQTYPE_NAME(alloc_get_type(node)));
	printf("node site: %d\n", alloc_get_site(node) == SITE_NODE);
	level("node level 0", node + 8, 0, block);
	level("node level 1", node + 8, 1, block);
	struct alloc_info info;
	int mapping = alloc_get_info_at_level(node, 2, &info) == 0 && info.allocator
		&& (strcmp(info.allocator->name, "brk") == 0 || strcmp(info.allocator->name, "mmap") == 0)
		&& (const char *)info.base <= block && block + 4096 <= (const char *)info.base + info.size;
	printf("node level 2 is the mapping: %d\n", mapping);
	level("node level 3", node, 3, block);
	level("block level 0", block + 8, 0, block);
	level("block level 1 is the mapping", block + 8, 1, block);
	level("after node level 0", node + 24, 0, block);

	/* The instance's descriptor answers for its own chunks only; malloc's for the heap chunk. */
	printf("pool get_size(node): %lu\n", pool ? pool->get_size(pool, node + 1) : 0);
	printf("pool get_info(block): %d\n", pool ? pool->get_info(pool, block + 8, &info) : 99);
	const struct allocator *malloc_allocator = alloc_get_allocator(block);
	printf("malloc get_base(node): %+ld\n",
		malloc_allocator ? (long)((const char *)malloc_allocator->get_base(malloc_allocator, node) - block) : -1);

	/* A chunk without a site; a chunk in static memory; a walk. */
	char *raw = __liballocs_suballoc_alloc(block + 256, 16, &arena, NULL);
	printf("siteless allocator: %s\n", name_of(alloc_get_allocator(raw)));
	char *in_static = __liballocs_suballoc_alloc(static_pool + 32, 16, &other_arena, SITE_NODE);
	level("static chunk level 0", in_static, 0, static_pool);
	level("static chunk level 1", in_static, 1, static_pool);
	int walked = -1;
	if (pool)
	{
		walked = 0;
		pool->walk_allocations(pool, block, block + 4096, count_walk, &walked);
	}
	printf("pool walk over the block: %d\n", walked);
	const struct allocator *family = alloc_get_allocator(raw);
	walked = -1;
	if (family)
	{
		walked = 0;
		family->walk_allocations(family, block, block + 4096, count_walk, &walked);
	}
	printf("suballocator walk over the block: %d\n", walked);

	/* A wrapper instance of malloc: xmalloc's chunks are heap chunks named after it. */
	int *buf = __liballocs_heap_set_site(calloc(10, sizeof(int)), SITE_XCALLOC);
	const struct allocator *xmalloc = alloc_get_allocator(buf + 3);
	printf("xmalloc allocator: %s\n", name_of(xmalloc));
	printf("xmalloc parent: %s\n", name_of(xmalloc ? xmalloc->parent : NULL));
	printf("xmalloc type: %s\n", UNIQTYPE_NAME(alloc_get_type(buf)));
	printf("xmalloc level 1 is the mapping: %d\n", alloc_get_info_at_level(buf, 1, &info) == 0 && info.allocator
		&& (strcmp(info.allocator->name, "brk") == 0 || strcmp(info.allocator->name, "mmap") == 0));
	printf("xmalloc get_info(block): %d\n", xmalloc ? xmalloc->get_info(xmalloc, block, &info) : 99);
	printf("xmalloc get_size(buf): %lu\n", xmalloc ? xmalloc->get_size(xmalloc, buf) : 0);
	printf("same instance twice: %d\n", alloc_get_allocator(buf) == xmalloc);

	/* Checks: a report on a pool chunk, a wrapper's chunk; lazy typing; a fact's invalidation. */
	__liballocs_check_slow(node, &to_circle);
	__liballocs_check_slow(buf, &to_circle);
	char *untyped = __liballocs_suballoc_alloc(block + 512, 48, &arena, SITE_RAW);
	__liballocs_check_slow(untyped, &to_node);
	printf("lazily typed: %s\n", UNIQTYPE_NAME(alloc_get_type(untyped)));
	printf("lazily typed allocator: %s\n", name_of(alloc_get_allocator(untyped)));
	__liballocs_check_slow(untyped + 8, &to_circle);
	/* Past the first element, what a lazily typed chunk holds is unknown (a header may be
	 * followed by anything): a mismatch there is not reported. */
	__liballocs_check_slow(untyped + 24, &to_circle);
	__liballocs_check_slow(untyped + 16, &to_double);   /* passes: a fact about the chunk */
	unsigned long g0 = generation();
	__liballocs_suballoc_free(untyped);
	printf("generation bumped by freeing a chunk a fact came from: %lu\n", generation() - g0);
	g0 = generation();
	__liballocs_suballoc_free(raw);
	printf("generation bumped by freeing a chunk no fact came from: %lu\n", generation() - g0);

	/* Free and release; the block's death forgets what is left in it. */
	__liballocs_suballoc_free(node);
	printf("freed node allocator: %s\n", name_of(alloc_get_allocator(node + 8)));
	char *again = __liballocs_suballoc_alloc(block + 1024, 24, &arena, SITE_NODE);
	__liballocs_suballoc_release(&arena);
	printf("released allocator: %s\n", name_of(alloc_get_allocator(again)));
	printf("static chunk after another arena's release: %s\n", name_of(alloc_get_allocator(in_static)));
	__liballocs_suballoc_release(&other_arena);
	printf("static chunk after its release: %s\n", name_of(alloc_get_allocator(in_static)));
	char *left = __liballocs_suballoc_alloc(block + 2048, 24, &arena, SITE_NODE);
	free(block);
	printf("chunk left in a freed block: %d\n", alloc_get_allocator(left) == NULL
		|| strcmp(alloc_get_allocator(left)->name, "pool") != 0);

	/* Wild pointers. */
	printf("wild: %d %d %d %d\n", alloc_get_allocator((void *)1) == NULL,
		alloc_get_allocator((void *)0xffff800000000000ul) == NULL,
		alloc_get_info_at_level((void *)16, 0, &info) == -1, alloc_get_size((void *)-1) == 0);
	free(buf);
	return 0;
}
