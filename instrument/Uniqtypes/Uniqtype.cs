// The model of one emitted uniqtype (struct uniqtype).
namespace Liballocs.Instrument.Uniqtypes;

/// <summary>
/// The run-time descriptor of one C type as allocscc emits it (<c>struct uniqtype</c>). Links to
/// other uniqtypes are set after construction, so cyclic types can be built.
/// </summary>
internal sealed class Uniqtype(string name, UniqtypeKind kind, UniqtypeFlags flags, ulong? size, bool isDefined)
{
    /// <summary>The liballocs name (<c>int$32</c>, <c>__PTR_node</c>...); the symbol is <c>__uniqtype__</c> + name.</summary>
    public string Name { get; } = name;

    /// <summary>What the type is.</summary>
    public UniqtypeKind Kind { get; } = kind;

    /// <summary>Kind-specific flags.</summary>
    public UniqtypeFlags Flags { get; } = flags;

    /// <summary>Size in bytes; null for <c>UNIQTYPE_SIZE_UNKNOWN</c> (functions, unknown-length arrays, incomplete types).</summary>
    public ulong? Size { get; } = size;

    /// <summary>
    /// Whether this translation unit defines the uniqtype. Incomplete structs, unions and enumerations
    /// are only declared (weak), so a complete definition elsewhere always wins.
    /// </summary>
    public bool IsDefined { get; } = isDefined;

    /// <summary>Array: element count (0 when unknown); composite: members; subprogram: parameters; enumeration: enumerators.</summary>
    public ulong Count => Kind switch
    {
        UniqtypeKind.Array => ArrayCount,
        UniqtypeKind.Composite or UniqtypeKind.Subprogram => (ulong)Members.Count,
        UniqtypeKind.Enumeration => (ulong)Enumerators.Count,
        _ => 0,
    };

    /// <summary>Array element count, 0 when unknown.</summary>
    public ulong ArrayCount { get; init; }

    /// <summary>Array: element; address: pointee; subprogram: return type; enumeration: underlying type.</summary>
    public Uniqtype? Target { get; set; }

    /// <summary>Base integer: its signed/unsigned counterpart.</summary>
    public Uniqtype? Related { get; set; }

    /// <summary>Composite members or subprogram parameters.</summary>
    public IReadOnlyList<UniqtypeMember> Members { get; set; } = [];

    /// <summary>Enumerators of an enumeration.</summary>
    public IReadOnlyList<UniqtypeEnumerator> Enumerators { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}
