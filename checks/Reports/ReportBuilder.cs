// From a detected failure to a printable report: C spellings, provenance, symbolised stack.
using Liballocs.Checks.Semantics;
using Liballocs.Checks.Suppressions;

namespace Liballocs.Checks.Reports;

/// <summary>
/// Spells out a <see cref="CastFailure"/>: the cast site's location and expected type, the
/// allocation's storage, type and provenance, and the stack, frame #0 being the cast itself.
/// </summary>
public sealed unsafe class ReportBuilder(ISymbolizer symbolizer, Func<nuint, string?> staticName)
{
    /// <summary>The cast site's location.</summary>
    public static SourceLocation LocationOf(CastSite* site) =>
        new(Str(site->file), site->line, site->column, Str(site->function));

    /// <summary>The type the cast expects, as C spells it (e.g. "struct circle *").</summary>
    public static string ExpectedTypeOf(CastSite* site)
    {
        if (site->target_c_type != null)
            return NativeReading.Utf8(site->target_c_type);
        if (site->target != null)
            return CSpelling.PointerTo(site->target);
        return site->target_type_name != null ? $"struct {NativeReading.Utf8(site->target_type_name)} *" : "void *";
    }

    /// <summary>What suppression rules see of <paramref name="f"/>.</summary>
    public static SuppressionSubject SubjectOf(CastFailure f)
    {
        var site = (CastSite*)f.Site;
        var where = ProvenanceOf(f, null, null).Where;
        var cast = LocationOf(site);
        return new SuppressionSubject(CheckKinds.NameOf(site->kind), ExpectedTypeOf(site), Str(site->function),
            Str(site->file), where is { File: { } file } ? $"{file}:{where.Line}" : null,
            cast.File is { } castFile ? $"{castFile}:{cast.Line}" : null);
    }

    /// <summary>The allocation <paramref name="f"/> met as its report names it. Symbolises the caller of a heap chunk without a
    /// site, so it is for a report's first occurrence only.</summary>
    public MetAllocation AllocationOf(CastFailure f)
    {
        var a = f.Allocation;
        return new MetAllocation(a.FreedBy == 0 ? BadCastReport.Kind : BadCastReport.UseAfterFreeKind, CSpelling.Of((Uniqtype*)a.Type),
            CSpelling.Of(RootElement((Uniqtype*)a.Type)), AllocationSiteOf(ProvenanceOf(f, staticName, symbolizer)));
    }

    /// <summary><paramref name="u"/> with every array level taken off (<c>int[3][4]</c> gives <c>int</c>): chunks of one site
    /// differ only in element count (__ARR3_T, __ARR5_T), and are one report.</summary>
    public static Uniqtype* RootElement(Uniqtype* u)
    {
        while (u != null && u->kind == UniqtypeKind.Array && u->target != null)
            u = u->target;
        return u;
    }

    /// <summary>The location a report gives as its allocation site: where a heap or pool chunk was allocated (its site, or its
    /// caller symbolised) or a local declared; null for other provenance.</summary>
    public static SourceLocation? AllocationSiteOf(Provenance p) =>
        p.Kind is ProvenanceKind.HeapSite or ProvenanceKind.HeapCaller or ProvenanceKind.Local ? p.Where : null;

    /// <summary>The report of <paramref name="f"/>, seen <paramref name="count"/> times, with the
    /// return addresses <paramref name="frames"/> of the checking code's callers.</summary>
    public BadCastReport Build(CastFailure f, ReadOnlySpan<nuint> frames, int count)
    {
        var site = (CastSite*)f.Site;
        var a = f.Allocation;
        var location = LocationOf(site);
        return new BadCastReport(location, CheckKinds.NameOf(site->kind), f.Pointer, ExpectedTypeOf(site),
            StorageKinds.ReportName(a.Allocator), a.Allocator.Name, CSpelling.Of((Uniqtype*)a.Type), a.Size, f.Offset,
            f.Subobject == 0 ? null : CSpelling.Of((Uniqtype*)f.Subobject), ProvenanceOf(f, staticName, symbolizer),
            Stack(location, frames), count)
        {
            AllocationElementType = CSpelling.Of(RootElement((Uniqtype*)a.Type)),
            FreedBy = a.FreedBy == 0 ? null
                : a.FreedBy == Allocation.FreedByOverwritten ? StackFrame.Unknown : symbolizer.Frame(a.FreedBy, true),
        };
    }

    /// <summary>The report of the heap chunk <paramref name="chunk"/> (<see cref="Allocation.MetadataDamaged"/>) that the check of
    /// <paramref name="pointer"/> at <paramref name="site"/> met, with the return addresses <paramref name="frames"/> of the
    /// checking code's callers. Its caller, read from the damaged metadata, is named only when it lies in a known function.</summary>
    public HeapDamageReport BuildDamage(CastSite* site, nuint pointer, Allocation chunk, ReadOnlySpan<nuint> frames)
    {
        var location = LocationOf(site);
        var caller = chunk.Caller == 0 ? null : symbolizer.Frame(chunk.Caller, true);
        return new HeapDamageReport(location, pointer, chunk.HeapChunk, (ulong)(pointer - chunk.HeapChunk), chunk.HeapChunkSize,
            caller is { Function: not null } ? caller : null, Stack(location, frames));
    }

    // Frame #0 is the cast. When the first return address lies in the function containing the
    // cast (the caller of the slow path), it is that frame's address rather than a frame of its own.
    private List<StackFrame> Stack(SourceLocation cast, ReadOnlySpan<nuint> frames)
    {
        var stack = new List<StackFrame>(frames.Length + 1);
        nuint castAddress = 0;
        if (frames.Length > 0 && cast.Function is not null && symbolizer.Frame(frames[0], true).Function == cast.Function)
        {
            castAddress = frames[0];
            frames = frames[1..];
        }
        stack.Add(new StackFrame(castAddress, cast.Function, cast.File, cast.Line, cast.Column, null, 0));
        foreach (var pc in frames)
            stack.Add(symbolizer.Frame(pc, true));
        return stack;
    }

    // Symbolises an allocation's caller only with a symbolizer (for printing; suppression matching needs no stack).
    private static Provenance ProvenanceOf(CastFailure f, Func<nuint, string?>? staticName, ISymbolizer? symbolizer)
    {
        var a = f.Allocation;
        switch (a.Allocator.Storage)
        {
            case StorageKind.Heap:
            case StorageKind.Suballocated:
                // The called function ("malloc", "xmalloc", "pool_alloc"); without a site, a
                // suballocated chunk names its instance ("pool", "suballocator").
                var heapSite = (AllocSite*)a.Site;
                var allocator = heapSite == null || heapSite->allocator == null ? null : Str(heapSite->allocator);
                if (allocator is null && a.Allocator.Storage == StorageKind.Suballocated)
                    allocator = a.Allocator.Name;
                if ((heapSite == null || heapSite->file == null) && a.Caller != 0 && symbolizer is not null)
                {
                    var caller = symbolizer.Frame(a.Caller, true);
                    return new Provenance(ProvenanceKind.HeapCaller, allocator, null,
                        caller.HasSource ? new SourceLocation(caller.File, caller.Line, caller.Column, caller.Function) : null)
                    {
                        Caller = caller,
                    };
                }
                if (heapSite == null || heapSite->file == null)
                    return new Provenance(ProvenanceKind.HeapUnknownSite, allocator, null, null);
                return new Provenance(ProvenanceKind.HeapSite, allocator, null,
                    new SourceLocation(Str(heapSite->file), heapSite->line, heapSite->column, Str(heapSite->function)));
            case StorageKind.Stack:
                var local = (LocalDesc*)a.Site;
                if (local == null)
                    return Provenance.None;
                var file = Str(local->file);
                return new Provenance(ProvenanceKind.Local, null, Str(local->name),
                    new SourceLocation(file, local->line, local->column, Str(local->function)))
                {
                    ScopeEndedAt = a.ScopeEnded && local->scope_end_line != 0
                        ? new SourceLocation(file, local->scope_end_line, local->scope_end_column, null) : null,
                };
            case StorageKind.Static:
                return staticName?.Invoke(a.Base) is { } name
                    ? new Provenance(ProvenanceKind.Static, null, name, null) : Provenance.None;
            default:
                return Provenance.None;
        }
    }

    private static string? Str(byte* s) => s == null ? null : NativeReading.Utf8(s);
}
