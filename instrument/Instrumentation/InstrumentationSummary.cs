// Counts of what was instrumented, for verbose output.
namespace Liballocs.Instrument.Instrumentation;

/// <summary>What instrumenting one file produced, for verbose output.</summary>
/// <param name="Sites">Allocation sites instrumented.</param>
/// <param name="TypedSites">Of those, sites whose allocated type was inferred.</param>
/// <param name="Locals">Parameters and locals given stack records.</param>
/// <param name="AllocaSites">alloca calls whose blocks get stack records.</param>
/// <param name="Statics">Functions and file-scope variables in the statics table.</param>
/// <param name="LocalStatics">Block-scope static variables described beside their declarations.</param>
/// <param name="Uniqtypes">Uniqtypes defined (complete types).</param>
/// <param name="DeclaredOnlyUniqtypes">Uniqtypes only declared (incomplete types).</param>
internal sealed record InstrumentationSummary(int Sites, int TypedSites, int Locals, int AllocaSites, int Statics, int LocalStatics, int Uniqtypes,
    int DeclaredOnlyUniqtypes)
{
    /// <summary>One line, e.g. <c>3 allocation sites (2 typed, 1 untyped), 4 locals recorded, 5 statics, 2 local statics, 1 alloca sites,
    /// 17 uniqtypes emitted (0 more declared only)</c>.</summary>
    public override string ToString() =>
        $"{Sites} allocation sites ({TypedSites} typed, {Sites - TypedSites} untyped), {Locals} locals recorded, {Statics} statics, "
        + $"{LocalStatics} local statics, {AllocaSites} alloca sites, {Uniqtypes} uniqtypes emitted ({DeclaredOnlyUniqtypes} more declared only)";
}
