// The C type model: one enumeration constant.
namespace Liballocs.Instrument.Types;

/// <summary>One enumeration constant and its value (unsigned values above <see cref="long.MaxValue"/> wrap).</summary>
internal sealed record CEnumerator(string Name, long Value);
