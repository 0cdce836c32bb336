// The result of loading the allocator configuration: the configuration or the one error.
using Liballocs.Instrument.Diagnostics;

namespace Liballocs.Instrument.Allocators;

/// <summary>The configuration loaded, or (null configuration) the one error that stops the build.</summary>
/// <param name="Configuration">The merged, validated configuration, or null.</param>
/// <param name="Error">Why there is none, or null.</param>
internal sealed record ConfigurationOutcome(AllocatorConfiguration? Configuration, Diagnostic? Error);
