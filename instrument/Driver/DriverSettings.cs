// What the environment says: real compiler, verbosity, where the runtime lives.
namespace Liballocs.Instrument.Driver;

/// <summary>Settings that come from the environment rather than the command line.</summary>
/// <param name="Layout">Where the runtime's headers and libraries are.</param>
/// <param name="RealCompiler">The compiler to run, as words (<c>ALLOCSCC_CC</c>, default <c>cc</c>).</param>
/// <param name="Verbose">Print what is instrumented and the real command lines (<c>ALLOCSCC_VERBOSE=1</c>).</param>
/// <param name="KeepTemporaries">Keep the directory of instrumented copies and print its path (<c>ALLOCSCC_KEEP=1</c>).</param>
/// <param name="AllocatorsFile">The user's allocator configuration (<c>LIBALLOCS_ALLOCATORS</c>), merged with the built-in one before any
/// <c>--allocators</c> file; null when unset.</param>
internal sealed record DriverSettings(ToolLayout Layout, IReadOnlyList<string> RealCompiler, bool Verbose, bool KeepTemporaries,
    string? AllocatorsFile = null)
{
    /// <summary>Reads the settings through <paramref name="environment"/> (a variable lookup).</summary>
    public static DriverSettings FromEnvironment(Func<string, string?> environment)
    {
        List<string> compiler = ShellWords.Split(environment("ALLOCSCC_CC") ?? "");
        return new DriverSettings(
            ToolLayout.Locate(environment),
            compiler.Count > 0 ? compiler : ["cc"],
            IsOn(environment("ALLOCSCC_VERBOSE")),
            IsOn(environment("ALLOCSCC_KEEP")),
            environment("LIBALLOCS_ALLOCATORS") is { Length: > 0 } allocators ? allocators : null);
    }

    private static bool IsOn(string? value) => value is { Length: > 0 } && value != "0";
}
