// The C type model: arrays and vectors.
namespace Liballocs.Instrument.Types;

/// <summary>An array, or a GCC vector type (<see cref="IsVector"/>), which is laid out like one.</summary>
internal sealed class CArrayType(CType element, ArrayLength length, long count, bool isVector, long? size) : CType
{
    /// <summary>Type of each element.</summary>
    public CType Element { get; } = element;

    /// <summary>Whether <see cref="Count"/> is meaningful.</summary>
    public ArrayLength Length { get; } = length;

    /// <summary>Number of elements when <see cref="Length"/> is <see cref="ArrayLength.Constant"/>, else 0.</summary>
    public long Count { get; } = count;

    /// <summary>A <c>__attribute__((vector_size))</c> type rather than a C array.</summary>
    public bool IsVector { get; } = isVector;

    /// <inheritdoc />
    public override long? Size { get; } = size;
}
