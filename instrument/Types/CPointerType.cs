// The C type model: pointers.
namespace Liballocs.Instrument.Types;

/// <summary>A pointer (object or function pointer).</summary>
internal sealed class CPointerType(CType pointee, long size) : CType
{
    /// <summary>What the pointer points to.</summary>
    public CType Pointee { get; } = pointee;

    /// <inheritdoc />
    public override long? Size { get; } = size;
}
