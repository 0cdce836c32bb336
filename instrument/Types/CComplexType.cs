// The C type model: complex types.
namespace Liballocs.Instrument.Types;

/// <summary>A <c>_Complex</c> type; <see cref="Element"/> is the type of each of its two parts.</summary>
internal sealed class CComplexType(CBuiltinType element, long size) : CType
{
    /// <summary>Type of the real and of the imaginary part.</summary>
    public CBuiltinType Element { get; } = element;

    /// <inheritdoc />
    public override long? Size { get; } = size;
}
