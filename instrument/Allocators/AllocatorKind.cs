// The kinds of allocator the configuration can describe.
namespace Liballocs.Instrument.Allocators;

/// <summary>What an allocator of the configuration is, which decides how calls to its functions are instrumented.</summary>
internal enum AllocatorKind
{
    /// <summary>Chunks of the process heap, which the runtime interposes (only the built-in <c>malloc</c>): each call's chunk is given its
    /// site with <c>__liballocs_heap_set_site</c>.</summary>
    Heap,
    /// <summary>A function family that allocates through another allocator (<c>of</c>); calls are sited like the heap's, named after the
    /// wrapper.</summary>
    Wrapper,
    /// <summary>Carves chunks out of memory it got elsewhere (pools, arenas, obstacks); calls are rewritten to record and forget the chunks
    /// (<c>__liballocs_suballoc_alloc/free/release</c>).</summary>
    Suballocator,
    /// <summary><c>alloca</c>: chunks of the caller's frame, given stack records.</summary>
    Stack,
}
