/* rt_check_harness.c: plays the C layer's part (shim_api.h; no suballocated chunks) to drive the check exports
 * of liballocs_rt.so directly: __liballocs_rt_check, __liballocs_rt_add_cache_hits and
 * __liballocs_rt_at_exit. Heap chunks are a fixed table; one TU of metadata names a static.
 * Prints one line per check: "<name>: <result> ..." (RtCheckExportTests reads them).
 * Usage: rt_check_harness PATH/liballocs_rt.so */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shim_api.h"

static struct uniqtype t_int = { "int$32", UNIQTYPE_KIND_BASE, UNIQTYPE_F_SIGNED, 4, 0, 0, 0, 0, 0 };
static struct uniqtype t_double = { "float$64", UNIQTYPE_KIND_BASE, UNIQTYPE_F_FLOAT, 8, 0, 0, 0, 0, 0 };
static struct uniqtype t_double2 = { "__ARR2_float$64", UNIQTYPE_KIND_ARRAY, 0, 16, 2, &t_double, 0, 0, 0 };
static struct uniqtype_member square_members[] = { { "side", 0, 0, 0, &t_int }, { "centre", 8, 0, 0, &t_double2 } };
static struct uniqtype t_square = { "square", UNIQTYPE_KIND_COMPOSITE, 0, 24, 2, 0, square_members, 0, 0 };
static struct uniqtype_member circle_members[] = { { "r", 0, 0, 0, &t_double }, { "c", 8, 0, 0, &t_double } };
static struct uniqtype t_circle = { "circle", UNIQTYPE_KIND_COMPOSITE, 0, 16, 2, 0, circle_members, 0, 0 };
static const struct uniqtype *types[] = { &t_int, &t_double, &t_double2, &t_square, &t_circle };

struct square { int side; double centre[2]; } global_square;
static struct __liballocs_static_desc statics[] = { { &global_square, "global_square", &t_square, sizeof global_square } };
static struct __liballocs_allocsite sites[] = { { "/src/shapes.c", 17, 24, "make_square", "malloc", &t_square, 0, 0, "malloc" } };
static struct __liballocs_tu_meta tu = { LIBALLOCS_META_VERSION, "/src/shapes.c", 1, statics, 1, sites, 5, types, 0 };

static struct __liballocs_castsite to_circle = { "/src/shapes.c", 42, 19, "draw", LIBALLOCS_CHECK_IS_A, 0, &t_circle, "circle", "struct circle *" };
static struct __liballocs_castsite to_square = { "/src/shapes.c", 43, 5, "draw", LIBALLOCS_CHECK_IS_A, 0, &t_square, "square", "struct square *" };
static struct __liballocs_castsite to_double = { "/src/shapes.c", 44, 5, "draw", LIBALLOCS_CHECK_IS_A, 0, &t_double, "float$64", "double *" };

#define NCHUNKS 2
static struct __liballocs_heap_chunk chunks[NCHUNKS];
static int marked;

static int heap_lookup(const void *p, struct __liballocs_heap_chunk *out)
{
	for (int i = 0; i < NCHUNKS; i++)
		if ((const char *)p >= (char *)chunks[i].base && (const char *)p < (char *)chunks[i].base + chunks[i].size)
		{
			*out = chunks[i];
			return 0;
		}
	return -1;
}
static int heap_walk(const void *b, const void *e, int (*cb)(const struct __liballocs_heap_chunk *, void *), void *arg)
{
	(void)b; (void)e; (void)cb; (void)arg;
	return 0;
}
static struct __liballocs_tu_meta *tu_list(void) { return &tu; }
static struct __liballocs_stack_record *stack_top(void) { return 0; }
static void initial_stack(struct __liballocs_initial_stack *out) { memset(out, 0, sizeof *out); }
static void *heap_set_site(void *p, const struct __liballocs_allocsite *site)
{
	for (int i = 0; i < NCHUNKS; i++)
		if (chunks[i].base == p)
			chunks[i].site = site;
	return p;
}
static void heap_mark_facts(const void *p) { (void)p; marked++; }

static int stack_find(const void *p, __UINTPTR_TYPE__ lo, __UINTPTR_TYPE__ hi, struct __liballocs_stack_record *out)
{
	(void)p; (void)lo; (void)hi; (void)out;
	return 0;
}

/* The rest of the table, as a C layer that has seen no suballocated chunk, freed chunk, inferred typing or heap region
 * answers (the runtime calls every entry of a table of its version). */
static int none_suballoc(const void *p, struct __liballocs_suballoc_chunk *out) { (void)p; (void)out; return -1; }
static int no_suballoc_walk(const void *begin, const void *end, int (*cb)(const struct __liballocs_suballoc_chunk *, void *),
	void *arg) { (void)begin; (void)end; (void)cb; (void)arg; return 0; }
static void *no_suballoc_set_site(void *p, const struct __liballocs_allocsite *site) { (void)site; return p; }
static void no_suballoc_mark(const void *p) { (void)p; }
static int none_freed(const void *p, struct __liballocs_heap_chunk *out) { (void)p; (void)out; return -1; }
static int no_inferred_record(void *p, unsigned long size, const struct __liballocs_allocsite *site)
{ (void)p; (void)size; (void)site; return -1; }
static int no_inferred_mark(const void *p, unsigned long size, const struct __liballocs_allocsite *site)
{ (void)p; (void)size; (void)site; return -1; }
static int no_inferred_overlap(const void *p, unsigned long size) { (void)p; (void)size; return 0; }
static void check_abandoned(void) { }
static int no_frame(const void *p, __UINTPTR_TYPE__ *base, __UINTPTR_TYPE__ *size, __UINTPTR_TYPE__ *ip)
{ (void)p; (void)base; (void)size; (void)ip; return 0; }
static int no_region(const void *p, __UINTPTR_TYPE__ *start, __UINTPTR_TYPE__ *length) { (void)p; (void)start; (void)length; return 0; }

static const struct __liballocs_shim_api api = { .version = LIBALLOCS_SHIM_API_VERSION, .heap_lookup = heap_lookup,
	.heap_walk = heap_walk, .tu_list = tu_list, .stack_top = stack_top, .initial_stack = initial_stack,
	.heap_set_site = heap_set_site, .heap_mark_facts = heap_mark_facts, .suballoc_lookup = none_suballoc,
	.suballoc_walk = no_suballoc_walk, .suballoc_set_site = no_suballoc_set_site, .suballoc_mark_facts = no_suballoc_mark,
	.stack_find = stack_find, .heap_lookup_freed = none_freed, .suballoc_lookup_freed = none_suballoc,
	.inferred_lookup = none_suballoc, .inferred_record = no_inferred_record, .inferred_mark_facts = no_inferred_mark,
	.inferred_overlaps = no_inferred_overlap, .check_abandoned = check_abandoned, .stack_frame_of = no_frame,
	.heap_region_of = no_region };

static __liballocs_rt_check_fn rt_check;

/* The function containing the casts: frames[0] is a return address inside it. */
__attribute__((noinline)) static int draw(const volatile void *p, const struct __liballocs_castsite *site,
	struct __liballocs_check_fact *fact)
{
	void *frames[16];
	int n = backtrace(frames, 16);
	memset(fact, 0xff, sizeof *fact);
	return rt_check((const void *)p, site, frames, (unsigned)n, fact, NULL);
}

static long rel(unsigned long a, const void *base) { return (long)(a - (unsigned long)base); }

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!h)
	{
		fprintf(stderr, "%s\n", dlerror());
		return 2;
	}
	__liballocs_rt_init_fn init = (__liballocs_rt_init_fn)dlsym(h, "__liballocs_rt_init");
	rt_check = (__liballocs_rt_check_fn)dlsym(h, "__liballocs_rt_check");
	__liballocs_rt_add_cache_hits_fn add_hits = (__liballocs_rt_add_cache_hits_fn)dlsym(h, "__liballocs_rt_add_cache_hits");
	__liballocs_rt_at_exit_fn at_exit = (__liballocs_rt_at_exit_fn)dlsym(h, "__liballocs_rt_at_exit");
	if (!init || !rt_check || !add_hits || !at_exit)
		return 3;
	init(&api);
	atexit(at_exit);
	chunks[0] = (struct __liballocs_heap_chunk){ malloc(3 * sizeof(struct square)), 3 * sizeof(struct square), &sites[0] };
	chunks[1] = (struct __liballocs_heap_chunk){ malloc(64), 64, 0 };
	char *squares = chunks[0].base, *untyped = chunks[1].base;
	struct __liballocs_check_fact f;
	int r;

	r = draw(squares + 24, &to_square, &f);
	printf("square_in_array: %d lo=%ld hi=%ld period=%lu key=%d kind_and_degree=%u marked=%d\n", r,
		rel(f.lo, squares), rel(f.hi, squares), f.period, f.key == &t_square, f.kind_and_degree, marked);
	r = draw(squares + 32, &to_double, &f);
	printf("double_in_square: %d lo=%ld hi=%ld period=%lu\n", r, rel(f.lo, squares), rel(f.hi, squares), f.period);
	r = draw(squares + 8, &to_circle, &f);
	printf("circle_in_square: %d key_null=%d\n", r, f.key == 0);
	r = draw(squares + 8, &to_circle, &f);
	printf("circle_in_square_again: %d\n", r);
	r = draw(untyped, &to_circle, &f);
	printf("untyped_as_circle: %d site_type=%s array=%u lo=%ld hi=%ld period=%lu\n", r,
		chunks[1].site ? chunks[1].site->type->name : "-", chunks[1].site ? chunks[1].site->flags & LIBALLOCS_ALLOCSITE_F_ARRAY : 0,
		rel(f.lo, untyped), rel(f.hi, untyped), f.period);
	r = draw(untyped, &to_square, &f);
	printf("typed_circle_as_square: %d\n", r);
	r = draw(&global_square, &to_circle, &f);
	printf("static_square_as_circle: %d\n", r);
	r = draw(&f, &to_circle, &f);
	printf("unrecorded_stack: %d key_null=%d\n", r, f.key == 0);
	r = draw(0, &to_circle, &f);
	printf("null: %d key_null=%d\n", r, f.key == 0);
	add_hits(5);
	fflush(stdout);
	return 0;
}
