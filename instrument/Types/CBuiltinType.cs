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

    /// <summary>The integer type of the same size and the other signedness, which may access an object of this one (C11
    /// 6.5p7): <c>unsigned long</c> for <c>long</c>, <c>signed char</c> for plain <c>char</c> under <c>-funsigned-char</c>;
    /// null for other types.</summary>
    public CBuiltinType? Counterpart
    {
        get
        {
            BuiltinKind? other = Kind switch
            {
                BuiltinKind.Char or BuiltinKind.SignedChar => BuiltinKind.UnsignedChar,
                BuiltinKind.CharUnsigned or BuiltinKind.UnsignedChar => BuiltinKind.SignedChar,
                BuiltinKind.Short => BuiltinKind.UnsignedShort,
                BuiltinKind.UnsignedShort => BuiltinKind.Short,
                BuiltinKind.Int => BuiltinKind.UnsignedInt,
                BuiltinKind.UnsignedInt => BuiltinKind.Int,
                BuiltinKind.Long => BuiltinKind.UnsignedLong,
                BuiltinKind.UnsignedLong => BuiltinKind.Long,
                BuiltinKind.LongLong => BuiltinKind.UnsignedLongLong,
                BuiltinKind.UnsignedLongLong => BuiltinKind.LongLong,
                BuiltinKind.Int128 => BuiltinKind.UnsignedInt128,
                BuiltinKind.UnsignedInt128 => BuiltinKind.Int128,
                _ => null,
            };
            return other is BuiltinKind kind ? new CBuiltinType(kind, Size.GetValueOrDefault()) : null;
        }
    }
}
