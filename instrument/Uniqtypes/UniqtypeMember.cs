// One member or parameter of an emitted uniqtype.
namespace Liballocs.Instrument.Uniqtypes;

/// <summary>A member of a composite, or a parameter of a subprogram (offset 0, no bit-field), as <c>struct uniqtype_member</c>.</summary>
/// <param name="Name">Member name; null for anonymous members and for parameters.</param>
/// <param name="Offset">Bytes from the start of the composite.</param>
/// <param name="BitOffset">For a bit-field, bits after <paramref name="Offset"/>; else 0.</param>
/// <param name="BitSize">For a bit-field, its width in bits; else 0.</param>
/// <param name="Type">The member's type.</param>
internal sealed record UniqtypeMember(string? Name, ulong Offset, ushort BitOffset, ushort BitSize, Uniqtype Type);
