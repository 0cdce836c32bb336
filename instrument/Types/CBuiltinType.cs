// The C type model: built-in arithmetic types.
namespace Liballocs.Instrument.Types;

/// <summary>An arithmetic type C has built in (integers, floating point, <c>_Bool</c>).</summary>
internal sealed class CBuiltinType(BuiltinKind kind, long size) : CType
{
    /// <summary>Which built-in type.</summary>
    public BuiltinKind Kind { get; } = kind;

    /// <inheritdoc />
    public override long? Size { get; } = size;

    /// <summary>Integer types other than <c>_Bool</c>, characters included.</summary>
    public bool IsInteger => Kind is >= BuiltinKind.Char and <= BuiltinKind.UnsignedInt128;

    /// <summary>Signed integers, plain <c>char</c> when signed.</summary>
    public bool IsSigned => Kind is BuiltinKind.Char or BuiltinKind.SignedChar or BuiltinKind.Short or BuiltinKind.Int
        or BuiltinKind.Long or BuiltinKind.LongLong or BuiltinKind.Int128;

    /// <summary>Floating-point types.</summary>
    public bool IsFloatingPoint => Kind is >= BuiltinKind.Float;

    /// <summary>The character types: plain, signed and unsigned <c>char</c>.</summary>
    public bool IsCharacter => Kind is BuiltinKind.Char or BuiltinKind.CharUnsigned or BuiltinKind.SignedChar or BuiltinKind.UnsignedChar;
}
