// Sizes of built-in types on the target (LP64 or ILP32).
namespace Liballocs.Instrument.Types;

/// <summary>
/// Sizes of built-in types on the target, for types allocscc builds itself (from the tokens of
/// <c>sizeof(type-name)</c>, which clang's C API does not expose as a type).
/// </summary>
internal sealed class DataModel
{
    /// <summary>x86-64 Linux (LP64), the default.</summary>
    public static readonly DataModel Lp64 = new(pointerSize: 8, longSize: 8, longDoubleSize: 16);

    /// <summary>i386 Linux (ILP32), for <c>-m32</c>.</summary>
    public static readonly DataModel Ilp32 = new(pointerSize: 4, longSize: 4, longDoubleSize: 12);

    private DataModel(long pointerSize, long longSize, long longDoubleSize, bool charIsSigned = true)
    {
        PointerSize = pointerSize;
        LongSize = longSize;
        LongDoubleSize = longDoubleSize;
        CharIsSigned = charIsSigned;
    }

    /// <summary>Whether plain <c>char</c> is signed (false under <c>-funsigned-char</c>).</summary>
    public bool CharIsSigned { get; }

    /// <summary>The kind of plain <c>char</c>.</summary>
    public BuiltinKind PlainChar => CharIsSigned ? BuiltinKind.Char : BuiltinKind.CharUnsigned;

    /// <summary>This data model with plain <c>char</c> signed or not.</summary>
    public DataModel WithCharSigned(bool signed) =>
        signed == CharIsSigned ? this : new DataModel(PointerSize, LongSize, LongDoubleSize, signed);

    /// <summary>Bytes in a pointer.</summary>
    public long PointerSize { get; }

    /// <summary>Bytes in a <c>long</c>.</summary>
    public long LongSize { get; }

    /// <summary>Bytes in a <c>long double</c>.</summary>
    public long LongDoubleSize { get; }

    /// <summary>The built-in type of this kind with its size on the target.</summary>
    public CBuiltinType Builtin(BuiltinKind kind) => new(kind, SizeOf(kind));

    /// <summary>A pointer to <paramref name="pointee"/>.</summary>
    public CPointerType PointerTo(CType pointee) => new(pointee, PointerSize);

    private long SizeOf(BuiltinKind kind) => kind switch
    {
        BuiltinKind.Bool or BuiltinKind.Char or BuiltinKind.CharUnsigned or BuiltinKind.SignedChar or BuiltinKind.UnsignedChar => 1,
        BuiltinKind.Short or BuiltinKind.UnsignedShort or BuiltinKind.Half or BuiltinKind.Float16 or BuiltinKind.BFloat16 => 2,
        BuiltinKind.Int or BuiltinKind.UnsignedInt or BuiltinKind.Float => 4,
        BuiltinKind.Long or BuiltinKind.UnsignedLong => LongSize,
        BuiltinKind.LongLong or BuiltinKind.UnsignedLongLong or BuiltinKind.Double => 8,
        BuiltinKind.LongDouble => LongDoubleSize,
        BuiltinKind.Int128 or BuiltinKind.UnsignedInt128 or BuiltinKind.Float128 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a built-in type"),
    };
}
