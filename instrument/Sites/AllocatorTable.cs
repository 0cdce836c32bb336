// The one table of allocation functions allocscc instruments.
namespace Liballocs.Instrument.Sites;

/// <summary>
/// The allocation functions allocscc instruments: the one place that lists them and says which
/// argument is the size and which the count.
/// </summary>
internal static class AllocatorTable
{
    /// <summary>The C library's allocators.</summary>
    public static readonly IReadOnlyList<AllocatorFunction> BuiltIn =
    [
        new("malloc", SizeArgument: 0, CountArgument: null),
        new("calloc", SizeArgument: 1, CountArgument: 0),
        new("realloc", SizeArgument: 1, CountArgument: null),
        new("reallocarray", SizeArgument: 2, CountArgument: 1),
        new("aligned_alloc", SizeArgument: 1, CountArgument: null),
        new("memalign", SizeArgument: 1, CountArgument: null),
        new("valloc", SizeArgument: 0, CountArgument: null),
        new("pvalloc", SizeArgument: 0, CountArgument: null),
        new("strdup", SizeArgument: null, CountArgument: null, AllocatesResultPointee: true),
        new("strndup", SizeArgument: null, CountArgument: null, AllocatesResultPointee: true),
    ];

    private static readonly Dictionary<string, AllocatorFunction> ByName = BuiltIn.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The allocator called <paramref name="name"/>, or null when calls to it are not allocation sites.</summary>
    public static AllocatorFunction? Find(string name) => ByName.GetValueOrDefault(name);
}
