// What an allocation's size expression says about the type allocated.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>What a size expression says about the memory it sizes (<see cref="AllocationSize"/>).</summary>
/// <param name="Type">The type read from a <c>sizeof</c> in the size, or null.</param>
/// <param name="IsArray">The size's top level is a product (<c>n * sizeof(T)</c>): an array of <paramref name="Type"/>.</param>
/// <param name="IsSum">The size's top level is a sum (<c>sizeof(S) + n * sizeof(E)</c>).</param>
/// <param name="IsHeaderAndArray">A sum holding a <c>sizeof</c> but none of a struct ending in a flexible array: a header followed by
/// an array of another type, which no type describes yet, so the memory stays untyped.</param>
internal sealed record SizeInference(CType? Type, bool IsArray, bool IsSum, bool IsHeaderAndArray)
{
    /// <summary>Nothing known: no size expression, or one with no <c>sizeof</c>.</summary>
    public static readonly SizeInference Unknown = new(null, false, false, false);
}
