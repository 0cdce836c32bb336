// A malformed allocator configuration, with where the problem is.
namespace Liballocs.Instrument.Allocators;

/// <summary>
/// A malformed allocator configuration. Thrown only inside the configuration's readers, which stop
/// at the first problem (a build must not go on with half a configuration); <see cref="AllocatorConfigurationLoader"/>
/// turns it into one diagnostic.
/// </summary>
internal sealed class AllocatorConfigurationException : Exception
{
    /// <summary>A problem at <paramref name="place"/>.</summary>
    public AllocatorConfigurationException(ConfigurationPlace place, string problem)
        : base(problem)
    {
        Place = place;
    }

    /// <summary>Where the problem is.</summary>
    public ConfigurationPlace Place { get; }
}
