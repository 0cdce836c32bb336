// Instrumenting one C source file from parse to output text.
using System.Text;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Emit;
using Liballocs.Instrument.Libclang;
using Liballocs.Instrument.Locals;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Statics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;
using Liballocs.Instrument.Uniqtypes;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>
/// Instruments one C source file: parses it with libclang, finds allocation sites and suballocator frees, pointer casts to
/// check, locals and alloca'd blocks that need stack records, file-scope definitions and
/// block-scope statics, and writes the original text with insertions (and the alloca calls'
/// names replaced; no line breaks added or removed, so every line keeps its number) between a
/// prelude and a trailer of metadata.
/// </summary>
internal static class SourceInstrumenter
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Instruments <paramref name="sourcePath"/> (as given on the command line; it names the file in
    /// the metadata). Never throws for bad input: a file that cannot be read or parsed gives a null
    /// output and a warning diagnostic. libclang must be loaded.
    /// </summary>
    public static InstrumentationResult Instrument(string sourcePath, InstrumentOptions options)
    {
        var diagnostics = new DiagnosticBag();
        byte[] original;
        try
        {
            original = File.ReadAllBytes(sourcePath);
        }
        catch (IOException e)
        {
            return Unreadable(sourcePath, e, diagnostics);
        }
        catch (UnauthorizedAccessException e)
        {
            return Unreadable(sourcePath, e, diagnostics);
        }

        ParseOutcome outcome = SourceParser.Parse(sourcePath, options.ClangArguments, options.DataModel);
        if (outcome.Failure is ParseFailure failure)
        {
            diagnostics.Add(DiagnosticDescriptors.CannotInstrument, $"cannot instrument ({failure.Message}); compiling uninstrumented",
                failure.File, failure.Line);
            return InstrumentationResult.Uninstrumented(diagnostics.Items);
        }

        using ParsedSource source = outcome.Source!;
        AllocationFindings allocations = AllocationSiteFinder.Find(source, original, options.Allocators, diagnostics);
        IReadOnlyList<AllocationSite> sites = allocations.Sites;
        var typedAllocations = new Dictionary<(int Line, int Column), CType>();
        foreach (AllocationSite site in sites)
        {
            if (site.ElementType is CType element)
                typedAllocations.TryAdd((site.Line, site.Column), element);
        }

        CastFindings casts = CastFinder.Find(source, original, options.LikeTypes, options.Allocators, typedAllocations, diagnostics);
        List<LocalVariable> locals = LocalRecordFinder.Find(source, diagnostics);
        List<AllocaSite> allocas = AllocaFinder.Find(source, original, options.Allocators, diagnostics);
        List<StaticDefinition> statics = StaticsFinder.Find(source);
        List<LocalStatic> localStatics = LocalStaticsFinder.Find(source, diagnostics);

        var catalog = new UniqtypeCatalog(diagnostics);
        foreach (StaticDefinition definition in statics)
        {
            catalog.Add(definition.Type);
        }

        foreach (LocalStatic local in localStatics)
        {
            catalog.Add(local.Type);
        }

        foreach (LocalVariable local in locals)
        {
            catalog.Add(local.Type);
        }

        foreach (AllocaSite alloca in allocas)
        {
            if (alloca.Type is not null)
            {
                catalog.Add(alloca.Type);
            }
        }

        foreach (AllocationSite site in sites)
        {
            if (site.ElementType is not null)
            {
                catalog.Add(site.ElementType);
            }
        }

        foreach (CastSite cast in casts.Sites)
        {
            if (cast.Target is not null)
            {
                catalog.Add(cast.Target);
            }
        }

        var emitter = new MetadataEmitter(sourcePath, options.IncludeDirectory, allocations, casts.Sites, locals, allocas, statics, localStatics,
            catalog);
        ReadOnlySpan<byte> text = original;
        bool hasBom = text.StartsWith(Utf8Bom);
        if (hasBom)
        {
            text = text[Utf8Bom.Length..];
        }

        List<SourceInsertion> insertions = [.. emitter.Insertions().Select(i => i with { Offset = i.Offset - (hasBom ? Utf8Bom.Length : 0) })];
        using var output = new MemoryStream();
        if (hasBom)
        {
            output.Write(Utf8Bom);
        }

        output.Write(Encoding.UTF8.GetBytes(emitter.Prelude()));
        output.Write(SourceRewriter.Apply(text, insertions));
        output.Write(Encoding.UTF8.GetBytes(emitter.Trailer()));

        return new InstrumentationResult(output.ToArray(), sites, allocations.Releases, casts, locals, allocas, statics, localStatics, [.. catalog.All],
            diagnostics.Items);
    }

    private static InstrumentationResult Unreadable(string sourcePath, Exception e, DiagnosticBag diagnostics)
    {
        diagnostics.Add(DiagnosticDescriptors.SourceUnreadable, $"cannot read the source ({e.Message}); compiling uninstrumented", sourcePath);
        return InstrumentationResult.Uninstrumented(diagnostics.Items);
    }
}
