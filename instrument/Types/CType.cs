// The C type model's root: canonical, unqualified C types.
namespace Liballocs.Instrument.Types;

/// <summary>
/// A C type as allocscc models it: canonical (typedefs resolved) and unqualified, so two uses of
/// the same type compare equal by structure and, for records and enumerations, by reference.
/// </summary>
internal abstract class CType
{
    /// <summary>Size in bytes (<c>sizeof</c>), or null when the type has no size (void, functions,
    /// incomplete types, arrays of unknown or variable length).</summary>
    public abstract long? Size { get; }
}
