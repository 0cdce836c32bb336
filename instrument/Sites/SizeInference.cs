// What an allocation's size expression says about the type allocated.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>What a size expression says about the memory it sizes (<see cref="AllocationSize"/>).</summary>
/// <param name="Type">The type read from a <c>sizeof</c> in the size, or null.</param>
/// <param name="IsArray">The size's top level is a product (<c>n * sizeof(T)</c>) or a sum measuring only <paramref name="Type"/>:
/// an array of <paramref name="Type"/>.</param>
/// <param name="IsSum">The size's top level is a sum (<c>sizeof(S) + n * sizeof(E)</c>), or an <c>offsetof</c> of a struct ending in a
/// flexible array (<c>offsetof(S, v[n])</c>): a header and a variable part.</param>
/// <param name="IsHeaderAndArray">A sum whose terms measure different types and none a struct ending in a flexible array: a header
/// followed by an array of another type, which no type describes yet, so the memory stays untyped. (A sum measuring one type is an
/// array of it.)</param>
/// <param name="Why">What the type was read from, e.g. <c>n * sizeof(struct foo) in the size argument</c> or <c>n = count * sizeof(struct foo) at
/// line 12</c>; null when nothing was.</param>
/// <param name="IsHead">The <paramref name="Type"/> is only the first thing in the memory: a struct ending in a flexible array plus terms
/// measuring other types (<c>sizeof(S) + n * sizeof(E) + sizeof(K)</c>).</param>
internal sealed record SizeInference(CType? Type, bool IsArray, bool IsSum, bool IsHeaderAndArray, string? Why = null, bool IsHead = false)
{
    /// <summary>Nothing known: no size expression, or one with no <c>sizeof</c>.</summary>
    public static readonly SizeInference Unknown = new(null, false, false, false);
}
