// Counts of what was instrumented, for verbose output.
namespace Liballocs.Instrument.Instrumentation;

/// <summary>What instrumenting one file produced, for verbose output.</summary>
/// <param name="Sites">Allocation sites instrumented.</param>
/// <param name="TypedSites">Of those, sites whose allocated type was inferred.</param>
/// <param name="Locals">Parameters and locals given stack records.</param>
/// <param name="Statics">Functions and file-scope variables in the statics table.</param>
/// <param name="Uniqtypes">Uniqtypes defined (complete types).</param>
/// <param name="DeclaredOnlyUniqtypes">Uniqtypes only declared (incomplete types).</param>
internal sealed record InstrumentationSummary(int Sites, int TypedSites, int Locals, int Statics, int Uniqtypes, int DeclaredOnlyUniqtypes)
{
    /// <summary>One line, e.g. <c>3 allocation sites (2 typed, 1 untyped), 4 locals recorded, 5 statics, 17 uniqtypes</c>.</summary>
    public override string ToString() =>
        $"{Sites} allocation sites ({TypedSites} typed, {Sites - TypedSites} untyped), {Locals} locals recorded, {Statics} statics, "
        + $"{Uniqtypes} uniqtypes emitted ({DeclaredOnlyUniqtypes} more declared only)";
}
