// Where allocscc finds the runtime's headers and libraries.
namespace Liballocs.Instrument.Driver;

/// <summary>
/// Where allocscc's companions live: <c>&lt;home&gt;/artifacts/bin/allocscc</c>, the runtime libraries in
/// <c>&lt;home&gt;/artifacts/lib</c>, the contract's headers (the API, the metadata instrumented code emits, the cast checks) in
/// <c>&lt;home&gt;/contract/include</c> and the built-in allocator configuration in <c>&lt;home&gt;/instrument/allocators.yaml</c>.
/// </summary>
/// <param name="Home">The root of the layout (absolute).</param>
internal sealed record ToolLayout(string Home)
{
    /// <summary>The contract's headers: allocs.h, uniqtype.h, liballocs_meta.h and the cast checks' liballocs_checks.h.</summary>
    public string IncludeDirectory => Path.Combine(Home, "contract", "include");

    /// <summary>The built-in allocator configuration (instrument/allocators.yaml), which the user's is merged with.</summary>
    public string AllocatorsFile => Path.Combine(Home, "instrument", "allocators.yaml");

    /// <summary>The runtime's libraries (libliballocs.so and companions).</summary>
    public string LibraryDirectory => Path.Combine(Home, "artifacts", "lib");

    /// <summary>
    /// The layout around the running executable (home is two levels above its directory), or
    /// <c>ALLOCSCC_HOME</c> when set.
    /// </summary>
    public static ToolLayout Locate(Func<string, string?> environment)
    {
        if (environment("ALLOCSCC_HOME") is { Length: > 0 } home)
        {
            return new ToolLayout(Path.GetFullPath(home));
        }

        string executable = Environment.ProcessPath ?? AppContext.BaseDirectory;
        string directory = Path.GetDirectoryName(Path.GetFullPath(executable)) ?? "/";
        return new ToolLayout(Path.GetFullPath(Path.Combine(directory, "..", "..")));
    }
}
