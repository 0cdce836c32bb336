// The C type model: void.
namespace Liballocs.Instrument.Types;

/// <summary>The type <c>void</c>.</summary>
internal sealed class CVoidType : CType
{
    /// <summary>The one instance.</summary>
    public static readonly CVoidType Instance = new();

    private CVoidType()
    {
    }

    /// <inheritdoc />
    public override long? Size => null;
}
