// C's built-in arithmetic types.
namespace Liballocs.Instrument.Types;

/// <summary>The arithmetic types C has built in.</summary>
internal enum BuiltinKind
{
    /// <summary><c>_Bool</c>.</summary>
    Bool,
    /// <summary>Plain <c>char</c> when it is signed (the x86-64 default).</summary>
    Char,
    /// <summary>Plain <c>char</c> under <c>-funsigned-char</c>.</summary>
    CharUnsigned,
    /// <summary><c>signed char</c>.</summary>
    SignedChar,
    /// <summary><c>unsigned char</c>.</summary>
    UnsignedChar,
    /// <summary><c>short</c>.</summary>
    Short,
    /// <summary><c>unsigned short</c>.</summary>
    UnsignedShort,
    /// <summary><c>int</c>.</summary>
    Int,
    /// <summary><c>unsigned int</c>.</summary>
    UnsignedInt,
    /// <summary><c>long</c>.</summary>
    Long,
    /// <summary><c>unsigned long</c>.</summary>
    UnsignedLong,
    /// <summary><c>long long</c>.</summary>
    LongLong,
    /// <summary><c>unsigned long long</c>.</summary>
    UnsignedLongLong,
    /// <summary><c>__int128</c>.</summary>
    Int128,
    /// <summary><c>unsigned __int128</c>.</summary>
    UnsignedInt128,
    /// <summary><c>float</c>.</summary>
    Float,
    /// <summary><c>double</c>.</summary>
    Double,
    /// <summary><c>long double</c>.</summary>
    LongDouble,
    /// <summary><c>__float128</c> / <c>_Float128</c>.</summary>
    Float128,
    /// <summary><c>__fp16</c> (storage only).</summary>
    Half,
    /// <summary><c>_Float16</c>.</summary>
    Float16,
    /// <summary><c>__bf16</c>.</summary>
    BFloat16,
}
