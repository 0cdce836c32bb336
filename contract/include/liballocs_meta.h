/* liballocs_meta.h: the metadata allocscc emits into each instrumented translation unit,
 * and the entry points of the runtime's C layer that instrumented code calls.
 *
 * This header is force-included at the top of every instrumented file, before the user's
 * own #includes, so it must include no system header (that would fix feature-test macros
 * such as _GNU_SOURCE before the user's source defines them) and use only builtin types.
 */
#ifndef LIBALLOCS_META_H
#define LIBALLOCS_META_H

#include "uniqtype.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIBALLOCS_META_VERSION 8u   /* 2: local_statics_begin/end; 3: allocsite instance; 4: frame
                                       records (stamp, flags), locals' scope ends; 5: allocsite header;
                                       6: LIBALLOCS_ALLOCSITE_F_INNER; 7: the check cache of
                                       liballocs_checks.h has 4 sets of 4 facts; 8: the inline checks'
                                       names carry this version. A runtime refuses
                                       (and names) the metadata of a unit of another version, and
                                       its inline checks link against names carrying the version
                                       (liballocs_checks.h), which another version lacks */

/* The runtime reads these structures with their natural layout, even when the program includes
 * this header under a #pragma pack of its own. (-fpack-struct overrides this; allocscc compiles
 * such files uninstrumented.) */
#pragma pack(push, 8)

/* An allocation site: one call to an allocator in instrumented source. The type comes from the
 * size's top level: sizeof(T) is one T; n * sizeof(T) (or calloc(n, sizeof(T)), n not 1) an array
 * of T; sizeof(S) + n * sizeof(E), S ending in a flexible (or old-style [0]/[1]) array member, is
 * one S whose trailing array extends to the chunk's end (no F_ARRAY); another header plus an array
 * is untyped (null). */
#define LIBALLOCS_ALLOCSITE_F_ARRAY 0x1u   /* the site allocates an array of `type` (n * sizeof) */
#define LIBALLOCS_ALLOCSITE_F_HEAD 0x2u    /* `type` describes the chunk's first element only: the
                                              size also measures storage of types it does not name
                                              (sizeof(S) + n * sizeof(E) + sizeof(K), or a size
                                              unread, typed by the declared type of the result).
                                              A failing check past sizeof(type) answers unknown,
                                              even inside S's own trailing array, whose length such
                                              a size leaves unknown: no false reports, fewer true */
#define LIBALLOCS_ALLOCSITE_F_LAZY 0x4u    /* runtime-made only: the type was taken from the first
                                              cast to land on the chunk's base (lazy typing); such
                                              sites are heads too */
#define LIBALLOCS_ALLOCSITE_F_INNER 0x8u   /* a call inside a wrapper that keeps a header, to the
                                              allocator below it: the call returns the chunk's
                                              base, and `header` is where the wrapper's object
                                              starts (its callers may be out of sight, calling it
                                              through a pointer); `type` is null: the object is
                                              typed at its first cast */
struct __liballocs_allocsite
{
	const char *file;                 /* source file as given on the command line */
	unsigned line, column;            /* 1-based, of the call */
	const char *function;             /* enclosing function, or null at file scope */
	const char *allocator;            /* the called function's name, e.g. "malloc" */
	const struct uniqtype *type;      /* element type inferred from sizeof, null when unknown */
	unsigned flags;                   /* LIBALLOCS_ALLOCSITE_F_* */
	unsigned header;                  /* bytes from the heap chunk's start to the object: a
	                                     wrapper's header (a size word...) before what it returns */
	const char *instance;             /* the allocator instance of the allocator configuration
	                                     that owns the called function, e.g. "malloc", "xmalloc",
	                                     "pool": what alloc_get_allocator(p)->name says */
};

/* A function or file-scope/static variable defined in an instrumented TU. */
struct __liballocs_static_desc
{
	const void *addr;                 /* the object or function */
	const char *name;
	const struct uniqtype *type;
	unsigned long size;               /* sizeof the object; 0 for functions and incomplete types
	                                     (the runtime then uses the ELF symbol size) */
};

/* allocscc writes a block-scope static's descriptor inside the program's own code, where its macros could rewrite field
 * designators, so positionally: its layout is pinned here (a reordering fails every instrumented compile). */
typedef char __liballocs_static_desc_layout[(__builtin_offsetof(struct __liballocs_static_desc, addr) == 0
	&& __builtin_offsetof(struct __liballocs_static_desc, name) == sizeof(void *)
	&& __builtin_offsetof(struct __liballocs_static_desc, type) == 2 * sizeof(void *)
	&& __builtin_offsetof(struct __liballocs_static_desc, size) == 3 * sizeof(void *)) ? 1 : -1];

/* A local variable or parameter whose address the program can hold; also an alloca'd block
 * (named "alloca", at the call). */
struct __liballocs_local_desc
{
	const char *name;
	const struct uniqtype *type;      /* for a VLA: the element type's array of unknown length;
	                                     alloca: likewise for n * sizeof(T), T for sizeof(T), null
	                                     without sizeof */
	const char *function;
	const char *file;
	unsigned line, column;            /* of the declaration */
	unsigned is_parameter;
	unsigned scope_end_line, scope_end_column;  /* the closing brace of the block declaring it,
	                                     when that block is not the function body; else 0 */
};

/* Stack records. A local lives, for the checker, as long as its frame: an instrumented function
 * with recorded locals declares an array of records at the top of its body, links them all
 * (inactive) into the thread's list with __liballocs_stack_push_frame, and unlinks them when it
 * returns (cleanup __liballocs_stack_pop_frame). Each local's declaration activates its record
 * (address, size, descriptor, and a stamp that orders activations); the end of its block marks
 * the record SCOPE_ENDED (a VLA's is deactivated instead: its storage is released with the
 * block). When the compiler gives two locals of a frame the same slot, the later activation wins.
 * alloca'd blocks push a record of their own after the block, above the frame's. Records left
 * behind by longjmp lie below a newer record's stack pointer and are discarded. */
#define LIBALLOCS_STACK_F_SCOPE_ENDED 0x1ul  /* the local's block has ended; its frame lives on */
#define LIBALLOCS_STACK_F_VLA 0x2ul          /* variable-length: deactivated when its block ends */
#define LIBALLOCS_STACK_F_FRAME_END 0x4ul    /* the last (oldest) record of a frame array */
/* Bits 32-63 of flags: a tag the C layer derives from the record's address, so a walk that meets
 * stale stack memory (a frame abandoned by a longjmp it did not see) can tell it from a record. */
#define LIBALLOCS_STACK_TAG_MASK 0xffffffff00000000ull
struct __liballocs_stack_record
{
	struct __liballocs_stack_record *prev;  /* older record of the same thread */
	void *addr;                             /* the variable; null while inactive */
	unsigned long size;                     /* bytes (runtime value for VLAs) */
	const struct __liballocs_local_desc *desc;  /* null while inactive */
	unsigned long stamp;                    /* activation order within the thread: larger is later */
	unsigned long flags;                    /* LIBALLOCS_STACK_F_* */
};

/* The tag a record at r carries in its flags once the C layer linked it. */
static __inline__ __attribute__((__always_inline__, __artificial__)) unsigned long __liballocs_stack_record_tag(
	const volatile struct __liballocs_stack_record *r)
{
	return (((unsigned long)r >> 3) * 0x9E3779B97F4A7C15ull) & LIBALLOCS_STACK_TAG_MASK;
}

/* Everything one instrumented TU contributes; registered by a constructor in that TU. */
struct __liballocs_tu_meta
{
	unsigned version;                 /* LIBALLOCS_META_VERSION */
	const char *source_file;
	unsigned long nstatics;
	const struct __liballocs_static_desc *statics;
	unsigned long nsites;
	const struct __liballocs_allocsite *sites;
	unsigned long ntypes;
	const struct uniqtype *const *types;   /* every uniqtype this TU emitted (may have lost
	                                          the weak-symbol race: compare addresses) */
	/* Block-scope statics (`static long counter;` in a function, ELF symbol counter.0): each is
	 * described by a __liballocs_static_desc placed beside its declaration in the section
	 * "__liballocs_lstatics", which the linker gathers per linked object. These bound the section
	 * of the object this TU is linked into (__start_/__stop___liballocs_lstatics), so several TUs
	 * of one object report the same range (dedupe by address); null when this TU has none. */
	const struct __liballocs_static_desc *local_statics_begin, *local_statics_end;
	struct __liballocs_tu_meta *next;      /* owned by the runtime */
};

#pragma pack(pop)

/* Runtime C layer (libliballocs.so); weak stubs in libliballocs_dummyweaks.
 *
 * In an instrumented object these are weak references, and instrumented code calls them only
 * through the __liballocs_hook_* functions below, which do nothing when the runtime is not in the
 * process: an object allocscc compiled links and runs under any driver (cc, g++, libtool, into a
 * shared library) and its instrumentation wakes up when the runtime is linked or preloaded. The
 * runtime's own build defines __LIBALLOCS_RUNTIME_BUILD, so its definitions stay strong. */
#ifdef __LIBALLOCS_RUNTIME_BUILD
#define __LIBALLOCS_ENTRY
#else
#define __LIBALLOCS_ENTRY __attribute__((__weak__))
#endif
/* Whether the runtime entry point `entry` is in the process. */
#define __LIBALLOCS_LINKED(entry) (&(entry) != 0)

/* Adds a TU's metadata to the process-wide list. Safe before main and from any thread. */
__LIBALLOCS_ENTRY void __liballocs_register_tu(struct __liballocs_tu_meta *tu);

/* Records that the heap chunk starting at `p` - site->header was allocated at `site`; returns `p`.
 * No effect when p is null or that is not the base of a live heap chunk, or when site has no type and
 * the chunk's site has one (realloc at a site whose size names no type keeps the chunk's type). */
__LIBALLOCS_ENTRY void *__liballocs_heap_set_site(void *p, const struct __liballocs_allocsite *site);

/* malloc, calloc and realloc called at `site`, which describes a call of the function itself (header 0, or
 * LIBALLOCS_ALLOCSITE_F_INNER): the same as __liballocs_heap_set_site(called(...), site), where `called` is the function
 * the call names (the program's reference to malloc, as linked: its own definition, ld's --wrap...); when that is the
 * runtime's, the chunk is given its site as it is indexed, not looked up again. allocscc calls them for calls of these
 * functions written out in the file. */
__LIBALLOCS_ENTRY void *__liballocs_malloc_at(__SIZE_TYPE__ size, const struct __liballocs_allocsite *site,
	void *(*called)(__SIZE_TYPE__));
__LIBALLOCS_ENTRY void *__liballocs_calloc_at(__SIZE_TYPE__ nmemb, __SIZE_TYPE__ size, const struct __liballocs_allocsite *site,
	void *(*called)(__SIZE_TYPE__, __SIZE_TYPE__));
__LIBALLOCS_ENTRY void *__liballocs_realloc_at(void *p, __SIZE_TYPE__ size, const struct __liballocs_allocsite *site,
	void *(*called)(void *, __SIZE_TYPE__));

/* Suballocators (pools, arenas, obstacks: configured allocators whose chunks are carved out of a
 * larger allocation). allocscc rewrites their calls, each operand evaluated once:
 *   pool_alloc(a, n)  ->  __liballocs_suballoc_alloc(pool_alloc(a, n), n, a, &site)  (via temporaries)
 *   pool_free(a, p)   ->  pool_free(a, __liballocs_suballoc_free(p))
 *   pool_destroy(a)   ->  pool_destroy(__liballocs_suballoc_release(a))
 * A chunk is a child of whatever allocation holds it (a malloc'd block, a static array...). */

/* Records the chunk [p, p + size) issued from `arena` (the handle the configuration names;
 * may be null) at `site`; returns p. No effect when p is null. A chunk overlapping recorded
 * ones replaces them (their memory was evidently reused). */
__LIBALLOCS_ENTRY void *__liballocs_suballoc_alloc(void *p, unsigned long size, const void *arena,
	const struct __liballocs_allocsite *site);
/* Forgets the chunk based at p; returns p. No effect when p is not a recorded chunk's base. */
__LIBALLOCS_ENTRY void *__liballocs_suballoc_free(void *p);
/* Forgets every chunk issued from `arena`; returns arena. */
__LIBALLOCS_ENTRY void *__liballocs_suballoc_release(void *arena);

/* Links the `n` records of a function's frame array into this thread's list, inactive (their
 * fields are written here), and returns `frame`. */
__LIBALLOCS_ENTRY struct __liballocs_stack_record *__liballocs_stack_push_frame(struct __liballocs_stack_record *frame, unsigned long n);

/* Cleanup attribute handler of the frame array: unlinks it and every record pushed after it. */
__LIBALLOCS_ENTRY void __liballocs_stack_pop_frame(void *frame);

/* Activates `rec` for the variable [addr, addr + size) described by `desc` (flags: 0 or
 * LIBALLOCS_STACK_F_VLA), as the latest activation of this thread; returns `rec`. */
__LIBALLOCS_ENTRY struct __liballocs_stack_record *__liballocs_stack_activate(struct __liballocs_stack_record *rec, void *addr,
	unsigned long size, const struct __liballocs_local_desc *desc, unsigned long flags);

/* Cleanup attribute handler of the pointer a block-scope activation returned: the block ends. */
__LIBALLOCS_ENTRY void __liballocs_stack_scope_end(struct __liballocs_stack_record **rec);

/* The calling thread's list of records, as the hooks below change it inline (the C layer's other threads read it under its
 * sequence counter): a function's activations, scope ends and return cost a few stores, not a call into the runtime. */
struct __liballocs_stack_list
{
	struct __liballocs_stack_record *head;  /* newest record; null: none */
	unsigned long seq;                      /* odd while the thread changes its list or one of its records */
	unsigned long stamp;                    /* activations so far */
	unsigned long listed;                   /* 1 once the C layer tried to make the list visible to other threads (its first
	                                           push in this thread): from then on frames are pushed inline */
};

/* Where the calling thread's list lies: this many bytes from the thread pointer, the same in every thread (the C layer's
 * initial-exec thread-local, in static TLS). Set by the first __liballocs_stack_push_frame; 0 until then, and the hooks
 * leave the list alone. The hooks reach the list through it rather than through a thread-local symbol of their own: an
 * object linked without the runtime, then run with it preloaded, gets no relocation for a weak thread-local, and would write
 * at the thread pointer itself. */
__LIBALLOCS_ENTRY extern long __liballocs_stack_list_offset;

/* The calling thread's list, `offset` bytes from its thread pointer. */
static __inline__ __attribute__((__always_inline__, __artificial__)) struct __liballocs_stack_list *__liballocs_stack_list_at(long offset)
{
	char *tp;
#if defined(__x86_64__)
	__asm__ ("{movq %%fs:0, %0|mov %0, QWORD PTR fs:0}" : "=r" (tp));   /* the thread control block's pointer to itself */
#else
	tp = (char *)__builtin_thread_pointer();
#endif
	return (struct __liballocs_stack_list *)(tp + offset);
}

/* One step of l's sequence counter around a change: one read-modify-write instruction, so a signal handler's own change
 * nested inside never makes it go back; only this thread writes it, so it needs no lock prefix. The barriers keep the
 * record's stores between the two steps (x86 orders stores for readers). */
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_stack_list_step(struct __liballocs_stack_list *l)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#if defined(__x86_64__)
	__asm__ __volatile__ ("{addq $1, %0|add %0, 1}" : "+m" (l->seq) : : "memory");
#else
	__atomic_fetch_add(&l->seq, 1, __ATOMIC_SEQ_CST);
#endif
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* __liballocs_stack_activate's work on the calling thread's list l (the C layer's definition is this). */
static __inline__ __attribute__((__always_inline__, __artificial__)) struct __liballocs_stack_record *__liballocs_stack_activate_in(
	struct __liballocs_stack_list *l, struct __liballocs_stack_record *rec, void *addr, unsigned long size,
	const struct __liballocs_local_desc *desc, unsigned long flags)
{
	__liballocs_stack_list_step(l);
	rec->addr = addr;
	rec->size = size;
	rec->desc = desc;
	rec->flags = (rec->flags & ~(LIBALLOCS_STACK_F_VLA | LIBALLOCS_STACK_F_SCOPE_ENDED)) | (flags & LIBALLOCS_STACK_F_VLA);
	rec->stamp = ++l->stamp;
	__liballocs_stack_list_step(l);
	return rec;
}

/* __liballocs_stack_scope_end's work on l. */
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_stack_scope_end_in(
	struct __liballocs_stack_list *l, struct __liballocs_stack_record **recp)
{
	struct __liballocs_stack_record *rec = *recp;
	__liballocs_stack_list_step(l);
	if (rec->flags & LIBALLOCS_STACK_F_VLA)
	{
		rec->addr = 0;
		rec->size = 0;
		rec->desc = 0;
	}
	else
		rec->flags |= LIBALLOCS_STACK_F_SCOPE_ENDED;
	__liballocs_stack_list_step(l);
}

/* __liballocs_stack_pop_frame's work on l: unlinks the frame array and every record pushed after it. The array's last record
 * is marked (an inlined callee's array may lie right below its caller's, so adjacency alone does not end it). An array the
 * C layer did not link (its push bound to a stub while this hook found the runtime's list) carries no tag: nothing to do. */
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_stack_pop_frame_in(
	struct __liballocs_stack_list *l, void *frame)
{
	struct __liballocs_stack_record *r = (struct __liballocs_stack_record *)frame;
	if ((r->flags & LIBALLOCS_STACK_TAG_MASK) != __liballocs_stack_record_tag(r))
		return;
	while (!(r->flags & LIBALLOCS_STACK_F_FRAME_END) && r->prev == r + 1)
		r++;
	__liballocs_stack_list_step(l);
	l->head = r->prev;
	__liballocs_stack_list_step(l);
}

/* The offset of the calling thread's list when the runtime is in the process and has set it; else 0. */
static __inline__ __attribute__((__always_inline__, __artificial__)) long __liballocs_stack_list_ready(void)
{
	return __LIBALLOCS_LINKED(__liballocs_stack_list_offset) ? __atomic_load_n(&__liballocs_stack_list_offset, __ATOMIC_RELAXED) : 0;
}

/* Pushes `rec`, its addr, size and desc already written, as the newest record of this thread;
 * returns the previous newest (also stored in rec->prev). alloca'd blocks use it. */
__LIBALLOCS_ENTRY struct __liballocs_stack_record *__liballocs_stack_push(struct __liballocs_stack_record *rec);

/* Pops `rec` (and anything newer left by longjmp). */
__LIBALLOCS_ENTRY void __liballocs_stack_pop(struct __liballocs_stack_record *rec);

/* The hooks instrumented code calls: each the entry point of its name, when the runtime is in
 * the process; otherwise nothing, returning what the entry point would have returned. Always
 * inlined and artificial (debuggers show them as one with their caller). */
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_hook_register_tu(struct __liballocs_tu_meta *tu)
{
	if (__LIBALLOCS_LINKED(__liballocs_register_tu))
		__liballocs_register_tu(tu);
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void *__liballocs_hook_heap_set_site(void *p, const struct __liballocs_allocsite *site)
{
	return __LIBALLOCS_LINKED(__liballocs_heap_set_site) ? __liballocs_heap_set_site(p, site) : p;
}
/* The heap functions whose calls allocscc gives a sited entry point, __liballocs_hook_<text>_at (below): the call passes its
 * allocation site, written into the chunk as it is made (the instrumenter's list is generated from this table). */
#define LIBALLOCS_SITED_ENTRIES(X) \
	X(MALLOC,   0, "malloc") \
	X(CALLOC,   1, "calloc") \
	X(REALLOC,  2, "realloc")

/* `called` is the function the call names; without the runtime, it is called. */
static __inline__ __attribute__((__always_inline__, __artificial__)) void *__liballocs_hook_malloc_at(__SIZE_TYPE__ size,
	const struct __liballocs_allocsite *site, void *(*called)(__SIZE_TYPE__))
{
	return __LIBALLOCS_LINKED(__liballocs_malloc_at) ? __liballocs_malloc_at(size, site, called) : called(size);
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void *__liballocs_hook_calloc_at(__SIZE_TYPE__ nmemb, __SIZE_TYPE__ size,
	const struct __liballocs_allocsite *site, void *(*called)(__SIZE_TYPE__, __SIZE_TYPE__))
{
	return __LIBALLOCS_LINKED(__liballocs_calloc_at) ? __liballocs_calloc_at(nmemb, size, site, called) : called(nmemb, size);
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void *__liballocs_hook_realloc_at(void *p, __SIZE_TYPE__ size,
	const struct __liballocs_allocsite *site, void *(*called)(void *, __SIZE_TYPE__))
{
	return __LIBALLOCS_LINKED(__liballocs_realloc_at) ? __liballocs_realloc_at(p, size, site, called) : called(p, size);
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void *__liballocs_hook_suballoc_alloc(void *p, unsigned long size, const void *arena,
	const struct __liballocs_allocsite *site)
{
	return __LIBALLOCS_LINKED(__liballocs_suballoc_alloc) ? __liballocs_suballoc_alloc(p, size, arena, site) : p;
}
/* Macros, not functions: the runtime records the return address as where the chunk was freed. */
#define __liballocs_hook_suballoc_free(p) \
	(__LIBALLOCS_LINKED(__liballocs_suballoc_free) ? __liballocs_suballoc_free(p) : (p))
#define __liballocs_hook_suballoc_release(arena) \
	(__LIBALLOCS_LINKED(__liballocs_suballoc_release) ? __liballocs_suballoc_release(arena) : (arena))
/* __liballocs_stack_push_frame's work, inline where it is plain: the thread's list is listed, and no record lies below the frame
 * array (only a frame a longjmp abandoned leaves one there, which the C layer drops). The records get the same fields. */
static __inline__ __attribute__((__always_inline__, __artificial__)) struct __liballocs_stack_record *__liballocs_hook_stack_push_frame(struct __liballocs_stack_record *frame,
	unsigned long n)
{
	long offset = __liballocs_stack_list_ready();
	frame[0].flags = 0;   /* untagged until linked (see __liballocs_stack_pop_frame_in) */
	if (offset)
	{
		struct __liballocs_stack_list *l = __liballocs_stack_list_at(offset);
		struct __liballocs_stack_record *older = l->head;
		unsigned long i;
		if (l->listed && n > 0 && (older == 0 || (unsigned long)older > (unsigned long)&frame[n - 1]))
		{
			__liballocs_stack_list_step(l);
			for (i = n; i-- > 0; )
			{
				frame[i].prev = older;
				frame[i].addr = 0;
				frame[i].size = 0;
				frame[i].desc = 0;
				frame[i].stamp = 0;
				frame[i].flags = __liballocs_stack_record_tag(&frame[i]) | (i == n - 1 ? LIBALLOCS_STACK_F_FRAME_END : 0ul);
				older = &frame[i];
			}
			l->head = frame;
			__liballocs_stack_list_step(l);
			return frame;
		}
	}
	return __LIBALLOCS_LINKED(__liballocs_stack_push_frame) ? __liballocs_stack_push_frame(frame, n) : frame;
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_hook_stack_pop_frame(void *frame)
{
	long offset = __liballocs_stack_list_ready();
	if (offset)
		__liballocs_stack_pop_frame_in(__liballocs_stack_list_at(offset), frame);
}
static __inline__ __attribute__((__always_inline__, __artificial__)) struct __liballocs_stack_record *__liballocs_hook_stack_activate(struct __liballocs_stack_record *rec,
	void *addr, unsigned long size, const struct __liballocs_local_desc *desc, unsigned long flags)
{
	long offset = __liballocs_stack_list_ready();
	return offset ? __liballocs_stack_activate_in(__liballocs_stack_list_at(offset), rec, addr, size, desc, flags) : rec;
}
static __inline__ __attribute__((__always_inline__, __artificial__)) void __liballocs_hook_stack_scope_end(struct __liballocs_stack_record **rec)
{
	long offset = __liballocs_stack_list_ready();
	if (offset)
		__liballocs_stack_scope_end_in(__liballocs_stack_list_at(offset), rec);
}

/* alloca'd blocks: allocscc rewrites alloca(n) as __LIBALLOCS_ALLOCA(n, &desc). The block gets
 * room for a stack record after it (16-byte aligned), pushed above the records of the
 * function's frame array, which unlinks it when the function returns. */
static __inline__ void *__liballocs_alloca_track(void *block, __SIZE_TYPE__ n, const struct __liballocs_local_desc *desc)
{
	struct __liballocs_stack_record *r = (struct __liballocs_stack_record *)((char *)block + ((n + 15) & ~(__SIZE_TYPE__)15));
	r->addr = block; r->size = n; r->desc = desc; r->flags = 0;
	if (__LIBALLOCS_LINKED(__liballocs_stack_push))
		__liballocs_stack_push(r);
	return block;
}
#define __LIBALLOCS_ALLOCA(n, desc) (__extension__ ({ __SIZE_TYPE__ __liballocs_alloca_n = (n); \
	__liballocs_alloca_track(__builtin_alloca(((__liballocs_alloca_n + 15) & ~(__SIZE_TYPE__)15) \
		+ sizeof(struct __liballocs_stack_record)), __liballocs_alloca_n, (desc)); }))

#ifdef __cplusplus
}
#endif
#endif
