// One configured allocator function and where its arguments say what it does.
namespace Liballocs.Instrument.Allocators;

/// <summary>
/// A function of an allocator of the configuration (instrument/allocators.yaml): its role and which
/// of its arguments (0-based) give the size, count, arena... Calls to it are allocation sites,
/// frees or releases depending on <see cref="Role"/> and the allocator's <see cref="Kind"/>.
/// </summary>
/// <param name="Name">The function's name, e.g. <c>calloc</c>.</param>
/// <param name="Instance">The allocator it belongs to, e.g. <c>malloc</c>: the allocation site's <c>instance</c>.</param>
/// <param name="Kind">That allocator's kind.</param>
/// <param name="Role">What the function does.</param>
/// <param name="Size">The argument giving the size in bytes (of one element when <paramref name="Count"/> is set).</param>
/// <param name="Count">The argument giving the number of elements: every call allocates an array (unless the count is a literal 1).</param>
/// <param name="Reallocates">The argument holding the chunk being resized.</param>
/// <param name="String">The argument holding the C string the function copies (the allocation is a char array).</param>
/// <param name="ResultIn">The argument through which the result is stored (a pointer to the result pointer).</param>
/// <param name="TypeName">The element type, as C, when the call's size names none.</param>
/// <param name="Arena">The argument holding the arena the chunk comes from (suballocators).</param>
/// <param name="Frees">The argument holding the chunk freed.</param>
/// <param name="Releases">The argument holding the arena whose chunks are all freed (suballocators).</param>
/// <param name="Place">Where the function is configured.</param>
/// <param name="Header">Bytes from the start of the underlying heap chunk to the object the function returns: the headers of its
/// allocator and of every wrapper below it (<see cref="AllocatorDefinition.Header"/>).</param>
internal sealed record AllocatorFunction(string Name, string Instance, AllocatorKind Kind, AllocatorRole Role, int? Size = null, int? Count = null,
    int? Reallocates = null, int? String = null, int? ResultIn = null, string? TypeName = null, int? Arena = null, int? Frees = null,
    int? Releases = null, ConfigurationPlace Place = default, int Header = 0)
{
    /// <summary>The highest argument index the configuration names, or -1 when it names none.</summary>
    public int HighestArgument => new[] { Size, Count, Reallocates, String, ResultIn, Arena, Frees, Releases }.Max(i => i ?? -1);
}
