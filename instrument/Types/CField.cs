// The C type model: one struct or union member.
namespace Liballocs.Instrument.Types;

/// <summary>A member of a struct or union.</summary>
/// <param name="Name">Member name, or null for an anonymous struct/union member.</param>
/// <param name="BitOffset">Offset from the start of the record, in bits.</param>
/// <param name="BitWidth">Width of a bit-field in bits, or null when the member is not a bit-field.</param>
/// <param name="Type">Declared type of the member.</param>
internal sealed record CField(string? Name, long BitOffset, int? BitWidth, CType Type);
