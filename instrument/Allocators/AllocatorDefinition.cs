// One allocator of the configuration: its kind and its functions.
namespace Liballocs.Instrument.Allocators;

/// <summary>One allocator of the configuration, as one file defines it.</summary>
/// <param name="Name">The allocator instance's name (what <c>alloc_get_allocator(p)-&gt;name</c> and reports say).</param>
/// <param name="Kind">What it is.</param>
/// <param name="Of">For a wrapper, the allocator it wraps; else null.</param>
/// <param name="Functions">Its functions, in the order written.</param>
/// <param name="Place">Where it is defined.</param>
/// <param name="OfPlace">Where its <c>of</c> is written (for messages about it).</param>
/// <param name="Header">For a wrapper, the bytes it keeps before each object it returns (a size word, say): its objects start that far
/// into the wrapped allocator's chunks. 0 otherwise.</param>
internal sealed record AllocatorDefinition(string Name, AllocatorKind Kind, string? Of, IReadOnlyList<AllocatorFunction> Functions, ConfigurationPlace Place,
    ConfigurationPlace OfPlace, int Header = 0);
