// UNIQTYPE_F_* flags.
namespace Liballocs.Instrument.Uniqtypes;

/// <summary>Uniqtype flags; values as the <c>UNIQTYPE_F_*</c> macros in uniqtype.h.</summary>
[Flags]
internal enum UniqtypeFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>A signed integer (plain char is signed here).</summary>
    Signed = 0x1,
    /// <summary>Floating point.</summary>
    Float = 0x2,
    /// <summary>A union: members overlap.</summary>
    Union = 0x4,
    /// <summary>Declared but not defined in the emitting translation unit.</summary>
    Incomplete = 0x8,
    /// <summary>An array with no element count (flexible member, <c>T[]</c>, variable length).</summary>
    UnknownLength = 0x10,
    /// <summary>A function taking <c>...</c>.</summary>
    Variadic = 0x20,
    /// <summary>A function declared as <c>f()</c>.</summary>
    NoPrototype = 0x40,
    /// <summary><c>_Bool</c>.</summary>
    Bool = 0x80,
    /// <summary><c>_Complex</c>.</summary>
    Complex = 0x100,
    /// <summary>A character type.</summary>
    Char = 0x200,
}
