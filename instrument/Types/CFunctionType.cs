// The C type model: function types.
namespace Liballocs.Instrument.Types;

/// <summary>A function type. Parameters are already adjusted (arrays and functions decayed to pointers).</summary>
internal sealed class CFunctionType(CType result, IReadOnlyList<CType> parameters, bool isVariadic, bool hasPrototype) : CType
{
    /// <summary>Return type.</summary>
    public CType Result { get; } = result;

    /// <summary>Parameter types in order; empty for a function declared without a prototype.</summary>
    public IReadOnlyList<CType> Parameters { get; } = parameters;

    /// <summary>Takes <c>...</c> after its parameters.</summary>
    public bool IsVariadic { get; } = isVariadic;

    /// <summary>False for an old-style <c>f()</c> declaration, whose parameters are unspecified.</summary>
    public bool HasPrototype { get; } = hasPrototype;

    /// <inheritdoc />
    public override long? Size => null;
}
