/* glibc_compat.h: what glibc's build gives every file it compiles (libc-symbols.h, config.h), recreated for
   building the allocator with the system compiler and the system's public headers. Force-included before every
   upstream file (and src/), ahead of the generated auto_stubs.h. Hand-written: these macros shape the result
   (visibility, aliases, versions) and must not be guessed from compiler errors. */
#ifndef GLIBC_MALLOC_COMPAT_H
#define GLIBC_MALLOC_COMPAT_H 1

#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1
#endif
#include <stddef.h>
#include <stdbool.h>
#include <sys/cdefs.h>
#include <sys/auxv.h>
#include <sys/single_threaded.h>

/* Module identity: built as if inside libc (IS_IN (libc)), never the loader; not SHARED, so no
   compatibility symbols and no loader hooks (_dl_open_hook) are compiled in. */
#define MODULE_libc 1
#define MODULE_rtld 2
#define MODULE_libpthread 3
#define MODULE_nonlib 4
#define IN_MODULE MODULE_libc
#define IS_IN(lib) (IN_MODULE == MODULE_##lib)
#define IS_IN_LIB 1
/* Configuration Debian's glibc is built with: the per-thread cache (configure's default, experimental-malloc=yes,
   passed by malloc/Makefile as -DUSE_TCACHE=1) and tunables, read by special_shims/elf/dl-tunables.h. */
#define USE_TCACHE 1
#define HAVE_TUNABLES 1

/* Visibility: everything is hidden (-fvisibility=hidden); src/exports.c defines the public entry points. */
#define attribute_hidden __attribute__ ((visibility ("hidden")))
#define attribute_relro
#define attribute_tls_model_ie __attribute__ ((tls_model ("initial-exec")))
#define internal_function
#define __attribute_copy__(arg) __attribute__ ((__copy__ (arg)))

/* Aliases and versions. Upstream's aliases are real but weak, with default visibility: its strong_alias
   (__libc_malloc, malloc) yields to src/exports.c's malloc, an internal alias (__open_nocancel) resolves references,
   and src/exports.map keeps every name but the entry points local. Hidden prototypes and versioned symbols compile to
   nothing: there is one version of each symbol. */
#define __glibc_malloc_string(x) #x
#define __glibc_malloc_expanded_string(x) __glibc_malloc_string (x)	/* after renaming (__libc_malloc, below) */
#define strong_alias(name, aliasname) \
  extern __typeof (name) aliasname \
    __attribute__ ((weak, alias (__glibc_malloc_expanded_string (name)), visibility ("default")));
#define weak_alias(name, aliasname) strong_alias (name, aliasname)
#define hidden_proto(name, ...)
#define hidden_def(name)
#define hidden_weak(name)
#define hidden_ver(local, name)
#define hidden_data_def(name)
#define hidden_tls_def(name)
#define libc_hidden_proto(name, ...)
#define libc_hidden_def(name)
#define libc_hidden_weak(name)
#define libc_hidden_data_def(name)
#define libc_hidden_ver(local, name)
#define rtld_hidden_proto(name, ...)
#define rtld_hidden_def(name)
#define symbol_version(real, name, version)
#define default_symbol_version(real, name, version)
#define versioned_symbol(lib, local, symbol, version)
#define compat_symbol(lib, local, symbol, version)
#define libc_freeres_ptr(decl) decl
#define libc_freeres_fn(name) static void name (void) __attribute__ ((unused)); static void name (void)
#define text_set_element(set, symbol)
#define data_set_element(set, symbol)
#define bss_set_element(set, symbol)
#define link_warning(symbol, msg)

/* glibc ignores nonnull attributes when it compiles itself, so that its null checks stay (include/sys/cdefs.h). */
#undef __nonnull
#define __nonnull(params)

#define weak_function __attribute__ ((weak))

/* glibc 2.38 and later define aligned_alloc itself (with C17's check of the alignment) where earlier versions
   alias it to memalign: renamed, it is wrapped by src/exports.c like the other entry points. */
#define aligned_alloc __glibc_malloc_upstream_aligned_alloc

/* glibc's libc exports its entry points under __libc_* names too (GLIBC_2.2.5): a program or library calling those
   must reach this allocator, never the system's. Upstream's definitions are renamed; src/exports.c exports the names,
   as aliases of its wrappers. */
#define __libc_malloc __glibc_malloc_upstream_malloc
#define __libc_free __glibc_malloc_upstream_free
#define __libc_calloc __glibc_malloc_upstream_calloc
#define __libc_realloc __glibc_malloc_upstream_realloc
#define __libc_memalign __glibc_malloc_upstream_memalign
#define __libc_valloc __glibc_malloc_upstream_valloc
#define __libc_pvalloc __glibc_malloc_upstream_pvalloc
#define __libc_mallinfo __glibc_malloc_upstream_mallinfo
#define __libc_mallopt __glibc_malloc_upstream_mallopt

/* The loader's secure-mode flag, read where the loader would have set it (the auxiliary vector). */
#define __libc_enable_secure (getauxval (AT_SECURE) != 0)

/* 64-bit time is the only time on this target. */
#define __timespec64 timespec

/* The allocator's own system calls for heap regions go through src/glue.c, which tells the region hook
   (glibc_malloc.h) what was mapped and unmapped. */
#define __mmap __glibc_malloc_mmap
#define __munmap __glibc_malloc_munmap
#define __mremap __glibc_malloc_mremap
extern void *__glibc_malloc_mmap (void *addr, size_t len, int prot, int flags, int fd, long offset) attribute_hidden;
extern int __glibc_malloc_munmap (void *addr, size_t len) attribute_hidden;
extern void *__glibc_malloc_mremap (void *old, size_t old_len, size_t new_len, int flags, ...) attribute_hidden;

#endif
