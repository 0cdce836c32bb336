// The C type model: structs and unions.
namespace Liballocs.Instrument.Types;

/// <summary>
/// A struct or union. One instance exists per declaration in a translation unit, so reference
/// equality is type identity. Fields are set after construction so that self-referential records
/// can point back to themselves.
/// </summary>
internal sealed class CRecordType(bool isUnion, string? name, DeclarationPlace place, long? size) : CType
{
    private IReadOnlyList<CField> fields = [];

    /// <summary>A union rather than a struct.</summary>
    public bool IsUnion { get; } = isUnion;

    /// <summary>The tag, or for an untagged record the typedef name that names it directly; null when anonymous.</summary>
    public string? Name { get; } = name;

    /// <summary>Where the record is declared (used to name anonymous records).</summary>
    public DeclarationPlace Place { get; } = place;

    /// <summary>Defined (has a body) in this translation unit.</summary>
    public bool IsComplete => Size is not null;

    /// <inheritdoc />
    public override long? Size { get; } = size;

    /// <summary>Members in declaration order, anonymous members not flattened; empty when incomplete.</summary>
    public IReadOnlyList<CField> Fields => fields;

    /// <summary>Sets the members once they have been read (they may refer back to this record).</summary>
    public void SetFields(IReadOnlyList<CField> value) => fields = value;
}
