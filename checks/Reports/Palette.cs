// Colours by meaning, as the sanitizers name them; all empty when output is not a terminal.
namespace Liballocs.Checks.Reports;

/// <summary>ANSI escapes for the parts of a text report, named by meaning.</summary>
public sealed record Palette(string Error, string Location, string Provenance, string Reset)
{
    /// <summary>No colours.</summary>
    public static Palette None { get; } = new("", "", "", "");

    /// <summary>Error red and bold, location bold, provenance magenta.</summary>
    public static Palette Ansi { get; } = new("\e[1;31m", "\e[1m", "\e[1;35m", "\e[0m");

    /// <summary>True when this palette colours anything.</summary>
    public bool Enabled => Reset.Length > 0;
}
