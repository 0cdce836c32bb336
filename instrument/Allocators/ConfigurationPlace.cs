// Where an entry of an allocator configuration file is written.
namespace Liballocs.Instrument.Allocators;

/// <summary>Where an entry of an allocator configuration is written, for messages.</summary>
/// <param name="File">The configuration file's path as given.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
internal readonly record struct ConfigurationPlace(string File, int Line)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
