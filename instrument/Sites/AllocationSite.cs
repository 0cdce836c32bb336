// One instrumented allocation call.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// One instrumented allocation call: a call to an allocating function of the allocator
/// configuration (heap, wrapper or suballocator), its entry in the file's site table, and how its
/// text is rewritten (<see cref="Rewrite"/>).
/// </summary>
/// <param name="Index">Position in the file's site table.</param>
/// <param name="Allocator">Name of the function called (the site's <c>allocator</c>).</param>
/// <param name="Instance">The allocator of the configuration that owns it (the site's <c>instance</c>), e.g. <c>malloc</c>, <c>xmalloc</c>.</param>
/// <param name="Line">1-based line of the call.</param>
/// <param name="Column">1-based column of the call.</param>
/// <param name="Function">Enclosing function's name.</param>
/// <param name="ElementType">The allocated (element) type, or null when it cannot be inferred.</param>
/// <param name="IsArray">The call allocates an array of <paramref name="ElementType"/> (n * sizeof, calloc, strdup...).</param>
/// <param name="Why">What the type was inferred from, for <c>--explain-allocations</c> (e.g. <c>sizeof(struct foo) in the size argument</c>).</param>
/// <param name="Rewrite">How the call's text is rewritten.</param>
/// <param name="IsHead">The type describes the chunk's first element only: the size also measures storage of other or unknown types
/// after it (<c>LIBALLOCS_ALLOCSITE_F_HEAD</c>).</param>
/// <param name="Header">Bytes from the heap chunk's start to the object (a wrapper's header; the site's <c>header</c>).</param>
/// <param name="IsInner">The call to the heap inside a wrapper that keeps a header: it returns the chunk's base, and the object starts
/// <paramref name="Header"/> bytes in (<c>LIBALLOCS_ALLOCSITE_F_INNER</c>).</param>
internal sealed record AllocationSite(int Index, string Allocator, string Instance, int Line, int Column, string Function, CType? ElementType,
    bool IsArray, string Why, SiteRewrite Rewrite, bool IsHead = false, int Header = 0, bool IsInner = false);
