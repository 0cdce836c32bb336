// What the cast finder found in one file.
namespace Liballocs.Instrument.Checks;

/// <summary>The checked casts of one file, numbered from 0 in source order, and the counts of all its pointer casts.</summary>
internal sealed record CastFindings(IReadOnlyList<CastSite> Sites, CastStatistics Statistics)
{
    /// <summary>No casts.</summary>
    public static readonly CastFindings None = new([], CastStatistics.None);
}
