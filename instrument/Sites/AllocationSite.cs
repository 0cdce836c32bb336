// One instrumented allocation call.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// One instrumented allocation call. The call's text spans [<see cref="CallStart"/>, <see cref="CallEnd"/>)
/// in the source file; it becomes <c>__liballocs_heap_set_site(call, &amp;site)</c>, cast back to
/// <see cref="ResultCast"/> when the call does not return <c>void *</c>.
/// </summary>
/// <param name="Index">Position in the file's site table.</param>
/// <param name="Allocator">Name of the function called.</param>
/// <param name="Line">1-based line of the call.</param>
/// <param name="Column">1-based column of the call.</param>
/// <param name="Function">Enclosing function's name.</param>
/// <param name="ElementType">The allocated (element) type, or null when it cannot be inferred.</param>
/// <param name="IsArray">The call allocates an array of <paramref name="ElementType"/> (n * sizeof, calloc, strdup...).</param>
/// <param name="CallStart">Byte offset of the call's first character.</param>
/// <param name="CallEnd">Byte offset one past the call's last character.</param>
/// <param name="ResultCast">Type to cast the wrapped result back to, or null when the call returns <c>void *</c>.</param>
internal sealed record AllocationSite(int Index, string Allocator, int Line, int Column, string Function, CType? ElementType, bool IsArray,
    int CallStart, int CallEnd, string? ResultCast);
