// The C type model: types allocscc does not model.
namespace Liballocs.Instrument.Types;

/// <summary>A type clang knows but C code rarely produces and allocscc does not model (e.g. a block pointer).</summary>
internal sealed class COpaqueType(string spelling, long? size) : CType
{
    /// <summary>clang's spelling of the type.</summary>
    public string Spelling { get; } = spelling;

    /// <inheritdoc />
    public override long? Size { get; } = size;
}
