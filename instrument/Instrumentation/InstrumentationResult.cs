// What instrumenting one source produced.
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Locals;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Statics;
using Liballocs.Instrument.Uniqtypes;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>
/// The instrumented text of one source file and what went into it, or null <see cref="Output"/>
/// (and empty lists) when the file must be compiled as it is; the diagnostics say why.
/// </summary>
/// <param name="Output">The instrumented file's bytes, or null.</param>
/// <param name="Sites">Allocation sites instrumented.</param>
/// <param name="Releases">Suballocator frees and releases whose arguments are wrapped.</param>
/// <param name="Casts">Pointer casts checked, and the counts of those elided and skipped.</param>
/// <param name="Locals">Parameters and locals given stack records.</param>
/// <param name="Allocas">alloca calls whose blocks get stack records.</param>
/// <param name="Statics">Functions and file-scope variables in the statics table.</param>
/// <param name="LocalStatics">Block-scope static variables described beside their declarations.</param>
/// <param name="Uniqtypes">Every uniqtype emitted, defined or only declared.</param>
/// <param name="Diagnostics">What was reported, of every severity.</param>
internal sealed record InstrumentationResult(byte[]? Output, IReadOnlyList<AllocationSite> Sites, IReadOnlyList<ChunkRelease> Releases, CastFindings Casts,
    IReadOnlyList<LocalVariable> Locals, IReadOnlyList<AllocaSite> Allocas, IReadOnlyList<StaticDefinition> Statics, IReadOnlyList<LocalStatic> LocalStatics,
    IReadOnlyList<Uniqtype> Uniqtypes, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>A file compiled as it is, for the reasons in <paramref name="diagnostics"/>.</summary>
    public static InstrumentationResult Uninstrumented(IReadOnlyList<Diagnostic> diagnostics) => new(null, [], [], CastFindings.None, [], [], [], [], [], diagnostics);

    /// <summary>Counts for verbose output.</summary>
    public InstrumentationSummary Summary => new(Sites.Count, Sites.Count(s => s.ElementType is not null), Locals.Count, Allocas.Count, Statics.Count,
        LocalStatics.Count, Uniqtypes.Count(u => u.IsDefined), Uniqtypes.Count(u => !u.IsDefined));
}
