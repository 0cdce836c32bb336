// What the allocation site finder found in one file.
namespace Liballocs.Instrument.Sites;

/// <summary>The allocation sites of a file and the suballocator frees and releases whose arguments are wrapped.</summary>
/// <param name="Sites">Allocation sites, numbered from 0 in source order.</param>
/// <param name="Releases">Calls freeing a suballocated chunk or releasing an arena.</param>
internal sealed record AllocationFindings(IReadOnlyList<AllocationSite> Sites, IReadOnlyList<ChunkRelease> Releases);
