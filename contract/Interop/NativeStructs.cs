// Mirrors of the C structures in contract/include/*.h.
// Field names and order are the C ones; layouts are sequential with natural alignment (x86-64).
using System.Runtime.InteropServices;

namespace Liballocs.Contract.Interop;

/// <summary>struct uniqtype (uniqtype.h): 64 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct uniqtype")]
public unsafe struct Uniqtype
{
    /// <summary>UTF-8 liballocs name, e.g. "int$32".</summary>
    public byte* name;
    /// <summary>enum uniqtype_kind.</summary>
    public UniqtypeKind kind;
    /// <summary>UNIQTYPE_F_* flags.</summary>
    public UniqtypeFlags flags;
    /// <summary>Size in bytes, or <see cref="UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN"/>.</summary>
    public ulong size;
    /// <summary>Elements, members, parameters or enumerators, by kind.</summary>
    public ulong count;
    /// <summary>Element, pointee, return or underlying type.</summary>
    public Uniqtype* target;
    /// <summary>Members or parameters.</summary>
    public UniqtypeMember* members;
    /// <summary>Enumerators (<see cref="count"/> of them), for an enumeration.</summary>
    public UniqtypeEnumerator* enumerators;
    /// <summary>Signed/unsigned counterpart of an integer type.</summary>
    public Uniqtype* related;
}

/// <summary>struct uniqtype_enumerator: one named constant of an enumeration (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct uniqtype_enumerator")]
public unsafe struct UniqtypeEnumerator
{
    /// <summary>The enumerator's name (NUL-terminated).</summary>
    public byte* name;
    /// <summary>Its value.</summary>
    public long value;
}

/// <summary>struct uniqtype_member: 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct uniqtype_member")]
public unsafe struct UniqtypeMember
{
    /// <summary>Member name or null.</summary>
    public byte* name;
    /// <summary>Bytes from the start of the composite.</summary>
    public ulong offset;
    /// <summary>Bit-field: bits after offset.</summary>
    public ushort bit_offset;
    /// <summary>Bit-field width, 0 when not a bit-field.</summary>
    public ushort bit_size;
    /// <summary>The member's type.</summary>
    public Uniqtype* type;
}

/// <summary>struct __liballocs_allocsite (LIBALLOCS_META_VERSION): 56 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_allocsite")]
public unsafe struct AllocSite
{
    /// <summary>Source file.</summary>
    public byte* file;
    /// <summary>1-based line.</summary>
    public uint line;
    /// <summary>1-based column.</summary>
    public uint column;
    /// <summary>Enclosing function or null.</summary>
    public byte* function;
    /// <summary>Called allocator function, e.g. "malloc".</summary>
    public byte* allocator;
    /// <summary>Element type, or null when unknown.</summary>
    public Uniqtype* type;
    /// <summary>LIBALLOCS_ALLOCSITE_F_*.</summary>
    public AllocsiteFlags flags;
    /// <summary>Version 5: bytes from the heap chunk's start to the object (a wrapper's header before what it returns).</summary>
    public uint header;
    /// <summary>Version 3: the allocator instance of the configuration owning the called function
    /// ("malloc", "xmalloc", "pool"), what the allocation's allocator is named; may be null.</summary>
    public byte* instance;
}

/// <summary>struct __liballocs_static_desc: 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_static_desc")]
public unsafe struct StaticDesc
{
    /// <summary>The object or function.</summary>
    public void* addr;
    /// <summary>Its name.</summary>
    public byte* name;
    /// <summary>Its type.</summary>
    public Uniqtype* type;
    /// <summary>sizeof, or 0 for functions and incomplete types.</summary>
    public ulong size;
}

/// <summary>struct __liballocs_local_desc: 56 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_local_desc")]
public unsafe struct LocalDesc
{
    /// <summary>Variable name.</summary>
    public byte* name;
    /// <summary>Declared type (element's unknown-length array for a VLA).</summary>
    public Uniqtype* type;
    /// <summary>Enclosing function.</summary>
    public byte* function;
    /// <summary>Source file.</summary>
    public byte* file;
    /// <summary>Line of the declaration.</summary>
    public uint line;
    /// <summary>Column of the declaration.</summary>
    public uint column;
    /// <summary>Non-zero for parameters.</summary>
    public uint is_parameter;
    /// <summary>Line of the closing brace of the declaring block, when it is not the function body; else 0.</summary>
    public uint scope_end_line;
    /// <summary>Column of that brace; else 0.</summary>
    public uint scope_end_column;
}

/// <summary>struct __liballocs_stack_record: 48 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_stack_record")]
public unsafe struct StackRecord
{
    /// <summary>Older record of the same thread.</summary>
    public StackRecord* prev;
    /// <summary>The variable.</summary>
    public void* addr;
    /// <summary>Its size in bytes.</summary>
    public ulong size;
    /// <summary>Its description; null while the record is inactive.</summary>
    public LocalDesc* desc;
    /// <summary>Activation order within the thread: larger is later.</summary>
    public ulong stamp;
    /// <summary>LIBALLOCS_STACK_F_*.</summary>
    public ulong flags;
}

/// <summary>struct __liballocs_tu_meta (LIBALLOCS_META_VERSION): 88 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_tu_meta")]
public unsafe struct TuMeta
{
    /// <summary>LIBALLOCS_META_VERSION.</summary>
    public uint version;

    /// <summary>The LIBALLOCS_META_VERSION this runtime reads: the header's it was built with.</summary>
    public const uint Version = LiballocsMetaHeader.LIBALLOCS_META_VERSION;
    /// <summary>Source file of the TU.</summary>
    public byte* source_file;
    /// <summary>Number of statics.</summary>
    public ulong nstatics;
    /// <summary>Statics table.</summary>
    public StaticDesc* statics;
    /// <summary>Number of allocation sites.</summary>
    public ulong nsites;
    /// <summary>Allocation site table.</summary>
    public AllocSite* sites;
    /// <summary>Number of uniqtypes emitted.</summary>
    public ulong ntypes;
    /// <summary>The uniqtypes emitted.</summary>
    public Uniqtype** types;
    /// <summary>First block-scope static's descriptor of the object this TU is linked into, or null.</summary>
    public StaticDesc* local_statics_begin;
    /// <summary>One past the last such descriptor.</summary>
    public StaticDesc* local_statics_end;
    /// <summary>Next registered TU.</summary>
    public TuMeta* next;
}

/// <summary>struct __liballocs_heap_chunk: 40 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_heap_chunk")]
public unsafe struct HeapChunk
{
    /// <summary>What malloc returned.</summary>
    public void* @base;
    /// <summary>Requested size in bytes.</summary>
    public ulong size;
    /// <summary>Allocation site or null.</summary>
    public AllocSite* site;
    /// <summary>Return address of the malloc-family call that allocated it.</summary>
    public void* alloc_caller;
    /// <summary>Return address of the free that freed it (quarantined chunks only), else null.</summary>
    public void* free_caller;
}

/// <summary>struct __liballocs_suballoc_chunk (shim_api.h, version 5): 40 bytes; the first three
/// fields as in <see cref="HeapChunk"/>.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_suballoc_chunk")]
public unsafe struct SuballocChunk
{
    /// <summary>What the suballocator returned.</summary>
    public void* @base;
    /// <summary>Requested size in bytes.</summary>
    public ulong size;
    /// <summary>Allocation site or null.</summary>
    public AllocSite* site;
    /// <summary>The pool/arena handle it was issued from.</summary>
    public void* arena;
    /// <summary>Where it was freed (freed chunks only), else null.</summary>
    public void* free_caller;
}

/// <summary>struct __liballocs_initial_stack: 64 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_initial_stack")]
public unsafe struct InitialStack
{
    /// <summary>Argument count.</summary>
    public int argc;
    /// <summary>argc + 1 pointers.</summary>
    public byte** argv;
    /// <summary>envc + 1 pointers.</summary>
    public byte** envp;
    /// <summary>Environment entries, without the null.</summary>
    public ulong envc;
    /// <summary>(type, value) pairs ending with AT_NULL.</summary>
    public ulong* auxv;
    /// <summary>Pairs including AT_NULL.</summary>
    public ulong auxv_pairs;
    /// <summary>Lowest string byte.</summary>
    public byte* strings_begin;
    /// <summary>One past the highest string byte.</summary>
    public byte* strings_end;
}

/// <summary>struct __liballocs_shim_api: the C layer's function table.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_shim_api")]
public unsafe struct ShimApi
{
    /// <summary>LIBALLOCS_SHIM_API_VERSION.</summary>
    public uint version;
    /// <summary>int heap_lookup(const void *p, struct __liballocs_heap_chunk *out).</summary>
    public delegate* unmanaged<void*, HeapChunk*, int> heap_lookup;
    /// <summary>int heap_walk(begin, end, cb, arg).</summary>
    public delegate* unmanaged<void*, void*, delegate* unmanaged<HeapChunk*, void*, int>, void*, int> heap_walk;
    /// <summary>Registered TUs, newest first.</summary>
    public delegate* unmanaged<TuMeta*> tu_list;
    /// <summary>Newest live stack record of the calling thread.</summary>
    public delegate* unmanaged<StackRecord*> stack_top;
    /// <summary>Fills the initial stack description.</summary>
    public delegate* unmanaged<InitialStack*, void> initial_stack;
    /// <summary>Version 2: void *heap_set_site(void *p, const struct __liballocs_allocsite *site).</summary>
    public delegate* unmanaged<void*, AllocSite*, void*> heap_set_site;
    /// <summary>Version 2: void heap_mark_facts(const void *p).</summary>
    public delegate* unmanaged<void*, void> heap_mark_facts;
    /// <summary>Version 3: int suballoc_lookup(const void *p, struct __liballocs_suballoc_chunk *out).</summary>
    public delegate* unmanaged<void*, SuballocChunk*, int> suballoc_lookup;
    /// <summary>Version 3: int suballoc_walk(begin, end, cb, arg).</summary>
    public delegate* unmanaged<void*, void*, delegate* unmanaged<SuballocChunk*, void*, int>, void*, int> suballoc_walk;
    /// <summary>Version 3: void *suballoc_set_site(void *p, const struct __liballocs_allocsite *site).</summary>
    public delegate* unmanaged<void*, AllocSite*, void*> suballoc_set_site;
    /// <summary>Version 3: void suballoc_mark_facts(const void *p).</summary>
    public delegate* unmanaged<void*, void> suballoc_mark_facts;
    /// <summary>Version 4: int stack_find(const void *p, uintptr_t lo, uintptr_t hi, struct __liballocs_stack_record *out).</summary>
    public delegate* unmanaged<void*, nuint, nuint, StackRecord*, int> stack_find;
    /// <summary>Version 4: int heap_lookup_freed(const void *p, struct __liballocs_heap_chunk *out).</summary>
    public delegate* unmanaged<void*, HeapChunk*, int> heap_lookup_freed;
    /// <summary>Version 5: int suballoc_lookup_freed(const void *p, struct __liballocs_suballoc_chunk *out).</summary>
    public delegate* unmanaged<void*, SuballocChunk*, int> suballoc_lookup_freed;
    /// <summary>Version 5: const unsigned long *suballoc_recorded (chunks ever recorded).</summary>
    public ulong* suballoc_recorded;
    /// <summary>Version 6: int inferred_lookup(const void *p, struct __liballocs_suballoc_chunk *out).</summary>
    public delegate* unmanaged<void*, SuballocChunk*, int> inferred_lookup;
    /// <summary>Version 6: int inferred_record(void *p, unsigned long size, const struct __liballocs_allocsite *site).</summary>
    public delegate* unmanaged<void*, ulong, AllocSite*, int> inferred_record;
    /// <summary>Version 6: int inferred_mark_facts(const void *p, unsigned long size, const struct __liballocs_allocsite *site).</summary>
    public delegate* unmanaged<void*, ulong, AllocSite*, int> inferred_mark_facts;
    /// <summary>Version 6: int inferred_overlaps(const void *p, unsigned long size).</summary>
    public delegate* unmanaged<void*, ulong, int> inferred_overlaps;
    /// <summary>Version 8: const unsigned long *checks_unanswered, indexed by cause (0: the runtime was loading on the checking
    /// thread, 1: the check interrupted another check on its thread); counts of checks the C layer passed unanswered.</summary>
    public ulong* checks_unanswered;
    /// <summary>Version 8: const unsigned long *fork_generation (forks this process descends from; the C layer's atfork child
    /// handler adds one).</summary>
    public ulong* fork_generation;
    /// <summary>Version 8: void check_abandoned(void): the calling thread leaves the check it is in without returning (the
    /// runtime ends the process from it, halt_on_error).</summary>
    public delegate* unmanaged<void> check_abandoned;
    /// <summary>Version 9: int stack_frame_of(const void *p, uintptr_t *base, uintptr_t *size, uintptr_t *ip): the calling
    /// thread's live frame containing p, by unwinding; 1 or 0.</summary>
    public delegate* unmanaged<void*, nuint*, nuint*, nuint*, int> stack_frame_of;
    /// <summary>Version 11: int heap_region_of(const void *p, uintptr_t *start, uintptr_t *length): the heap region the allocator
    /// beneath reported holding p, 1 (grown by its morecore) or 2 (mapped by it), with its first byte and length in bytes; 0 when
    /// none is known.</summary>
    public delegate* unmanaged<void*, nuint*, nuint*, int> heap_region_of;

    /// <summary>The version this runtime understands: the header's it was built with.</summary>
    public const uint Version = ShimApiHeader.LIBALLOCS_SHIM_API_VERSION;
}

/// <summary>struct alloc_info (allocs.h): 40 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct alloc_info")]
public unsafe struct AllocInfoNative
{
    /// <summary>Issuing allocator descriptor.</summary>
    public AllocatorNative* allocator;
    /// <summary>First byte.</summary>
    public void* @base;
    /// <summary>Size in bytes.</summary>
    public ulong size;
    /// <summary>Type or null.</summary>
    public Uniqtype* type;
    /// <summary>Allocation site or null.</summary>
    public void* site;
}

/// <summary>struct allocator (allocs.h): 72 bytes.</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct allocator")]
public unsafe struct AllocatorNative
{
    /// <summary>Allocator name.</summary>
    public byte* name;
    /// <summary>get_info(self, obj, out).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, AllocInfoNative*, int> get_info;
    /// <summary>get_base(self, obj).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, void*> get_base;
    /// <summary>get_size(self, obj).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, ulong> get_size;
    /// <summary>get_type(self, obj).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, Uniqtype*> get_type;
    /// <summary>get_site(self, obj).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, void*> get_site;
    /// <summary>walk_allocations(self, begin, end, cb, arg).</summary>
    public delegate* unmanaged<AllocatorNative*, void*, void*, delegate* unmanaged<AllocInfoNative*, void*, int>, void*, int> walk_allocations;
    /// <summary>Parent allocator or null.</summary>
    public AllocatorNative* parent;
    /// <summary>Index into the runtime's allocator list.</summary>
    public ulong id;
}
