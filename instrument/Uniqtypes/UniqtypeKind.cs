// enum uniqtype_kind.
namespace Liballocs.Instrument.Uniqtypes;

/// <summary>What a uniqtype describes; values as <c>enum uniqtype_kind</c> in uniqtype.h.</summary>
internal enum UniqtypeKind : uint
{
    /// <summary><c>void</c>.</summary>
    Void = 0,
    /// <summary>Integers, floating point, <c>_Bool</c>, complex.</summary>
    Base = 1,
    /// <summary>An enumeration.</summary>
    Enumeration = 2,
    /// <summary>A struct, or a union with <see cref="UniqtypeFlags.Union"/>.</summary>
    Composite = 3,
    /// <summary>An array.</summary>
    Array = 4,
    /// <summary>A pointer.</summary>
    Address = 5,
    /// <summary>A function type.</summary>
    Subprogram = 6,
}
