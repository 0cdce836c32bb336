// The C type model: enumerations.
namespace Liballocs.Instrument.Types;

/// <summary>An enumeration. One instance exists per declaration in a translation unit.</summary>
internal sealed class CEnumType(string? name, DeclarationPlace place, long? size, CType underlying, IReadOnlyList<CEnumerator> enumerators)
    : CType
{
    /// <summary>The tag, or the typedef name that names an untagged enumeration directly; null when anonymous.</summary>
    public string? Name { get; } = name;

    /// <summary>Where the enumeration is declared.</summary>
    public DeclarationPlace Place { get; } = place;

    /// <summary>Defined (has its enumerators) in this translation unit.</summary>
    public bool IsComplete => Size is not null;

    /// <inheritdoc />
    public override long? Size { get; } = size;

    /// <summary>The integer type the enumeration is stored as.</summary>
    public CType Underlying { get; } = underlying;

    /// <summary>Enumerators in declaration order.</summary>
    public IReadOnlyList<CEnumerator> Enumerators { get; } = enumerators;
}
