// Reports, notes and the exit summary as text (checks/README.md, "Reports").
using System.Globalization;
using System.Text;

namespace Liballocs.Checks.Reports;

/// <summary>Formats reports as the text blocks the README shows. Pure: no output, no lookups.</summary>
public sealed class TextReportFormatter(Palette palette) : IReportFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <inheritdoc/>
    public string Format(BadCastReport r)
    {
        var b = new StringBuilder();
        var p = palette;
        b.Append(Invariant, $"{p.Location}{r.Location.FileLineColumn}:{p.Reset} {p.Error}runtime error:{p.Reset} ");
        b.Append(Invariant, $"bad cast to '{r.ExpectedType}' ({r.Check}){(r.FreedBy is null ? "" : " into freed memory")}\n");
        b.Append(Invariant, $"    0x{(ulong)r.Pointer:x} is {Bytes(r.Offset)} into a {(r.FreedBy is null ? "" : "freed ")}'{r.AllocationType}' {r.Storage} allocation of {Bytes(r.AllocationSize)}");
        if (r.SubobjectType is not null)
            b.Append(Invariant, $"; subobject at that offset: '{r.SubobjectType}'");
        b.Append('\n');
        for (var i = 0; i < r.Stack.Count; i++)
            b.Append(Invariant, $"    #{i} {Frame(r.Stack[i])}\n");
        if (r.FreedBy is { } freedBy)
            b.Append(Invariant, $"    {p.Provenance}freed by {(r.Storage == "heap" ? "free" : $"the {r.Allocator} allocator's free")} called from {CallerText(freedBy)}{p.Reset}\n");
        if (ProvenanceLine(r.Provenance) is { } line)
            b.Append(Invariant, $"    {p.Provenance}{(r.FreedBy is null ? "" : "previously ")}{line}{p.Reset}\n");
        b.Append(Invariant, $"SUMMARY: liballocs: {r.KindName} {r.Location.FileLineColumn}");
        if (r.Location.Function is not null)
            b.Append(Invariant, $" in {r.Location.Function}");
        return b.Append('\n').ToString();
    }

    /// <inheritdoc/>
    public string FormatDamage(HeapDamageReport r)
    {
        var b = new StringBuilder();
        var p = palette;
        b.Append(Invariant, $"{p.Location}{r.Location.FileLineColumn}:{p.Reset} {p.Error}runtime error:{p.Reset} ");
        b.Append(Invariant, $"heap metadata of the chunk at 0x{(ulong)r.Chunk:x} was overwritten (did the chunk's data overflow?)\n");
        b.Append(Invariant, $"    0x{(ulong)r.Pointer:x} is {Bytes(r.Offset)} into that chunk; its size and type, kept after its first {Bytes(r.UsableBytes)}, ");
        b.Append("were written over, so checks in it answer \"unknown storage\" from now on\n");
        for (var i = 0; i < r.Stack.Count; i++)
            b.Append(Invariant, $"    #{i} {Frame(r.Stack[i])}\n");
        b.Append(Invariant, $"    {p.Provenance}");
        b.Append(r.AllocatedFrom is { } from ? $"allocated by a call from {CallerText(from)}" : "where it was allocated was overwritten too");
        b.Append(Invariant, $"{p.Reset}\n");
        b.Append(Invariant, $"SUMMARY: liballocs: {HeapDamageReport.Kind} {r.Location.FileLineColumn}");
        if (r.Location.Function is not null)
            b.Append(Invariant, $" in {r.Location.Function}");
        return b.Append('\n').ToString();
    }

    /// <inheritdoc/>
    public string FormatSummary(CheckSummary s)
    {
        var b = new StringBuilder();
        b.Append(Invariant, $"liballocs: {s.ChecksBegun} checks begun: {s.Passed} passed ({s.PassedViaCache} via cache), ");
        b.Append(Invariant, $"{s.Failed} failed, {s.UnknownStorage} unknown storage, {s.Suppressed} suppressed\n");
        if (s.DamagedChunks > 0)
            b.Append(Invariant, $"liballocs: heap metadata overwritten in {s.DamagedChunks} chunk{(s.DamagedChunks == 1 ? "" : "s")} (reported above)\n");
        if (s.TypingsInferred > 0)
            b.Append(Invariant, $"liballocs: {s.TypingsInferred} inferred typing{(s.TypingsInferred == 1 ? "" : "s")}: objects in untyped heap memory typed by casts\n");
        if (s.UnknownCauses.Count > 0)
        {
            b.Append(Invariant, $"liballocs: unknown storage by cause: {string.Join(", ", s.UnknownCauses.Select(k => $"{k.Count} {k.Cause}"))}\n");
        }
        if (s.UnknownSites.Count > 0)
        {
            b.Append("liballocs: casts meeting unknown storage most often:\n");
            foreach (var u in s.UnknownSites)
                b.Append(Invariant, $"    {u.Count}x {u.Location.FileLineColumn} ({u.Cause})\n");
        }
        if (s.Reports.Count > 0)
        {
            b.Append(Invariant, $"liballocs: {s.Reports.Count} distinct report{(s.Reports.Count == 1 ? "" : "s")}:\n");
            foreach (var d in s.Reports)
                b.Append(Invariant, $"    {d.Count}x {d.Location.FileLineColumn} bad cast to '{d.ExpectedType}' ({d.Check})\n");
        }
        return b.ToString();
    }

    /// <inheritdoc/>
    public string FormatNote(string message) => $"liballocs: note: {message}\n";

    /// <summary>One stack frame after its number: "0x… in fn file:line:col", or "in fn (object+0x…)".</summary>
    public static string Frame(StackFrame f)
    {
        var address = f.Address != 0 ? $"0x{(ulong)f.Address:x} " : "";
        var where = f.HasSource ? new SourceLocation(f.File, f.Line, f.Column, null).FileLineColumn
            : f.Object is not null ? $"({f.Object}+0x{f.ObjectOffset:x})"
            : "(<unknown module>)";
        return f.Function is not null ? $"{address}in {f.Function} {where}" : address + where;
    }

    /// <summary>The provenance line, or null when there is none.</summary>
    public static string? ProvenanceLine(Provenance p) => p.Kind switch
    {
        ProvenanceKind.HeapSite => $"allocated by {p.Allocator ?? "malloc"}" + Where(p.Where),
        ProvenanceKind.HeapUnknownSite => $"allocated by {p.Allocator ?? "malloc"} (site unknown)",
        ProvenanceKind.HeapCaller when p.Caller is { } caller => $"allocated by {p.Allocator ?? "malloc"} called from {CallerText(caller)}",
        ProvenanceKind.Local => $"declared as '{p.Name}'" + Where(p.Where)
            + (p.ScopeEndedAt is { } end ? $", whose scope ended at {end.FileLineColumn}" : ""),
        ProvenanceKind.Static => $"defined as '{p.Name}'",
        _ => null,
    };

    /// <summary>Where a call came from: "fn file:line:col", "fn (object+0x…)" without debug information, or the address.</summary>
    public static string CallerText(StackFrame f)
    {
        if (ReferenceEquals(f, StackFrame.Unknown))
            return "an unknown place (its record was lost: the program wrote over it after the free)";
        var where = f.HasSource ? new SourceLocation(f.File, f.Line, f.Column, null).FileLineColumn
            : f.Object is not null ? $"({f.Object}+0x{f.ObjectOffset:x})" : $"0x{(ulong)f.Address:x}";
        return f.Function is not null ? $"{f.Function} {where}" : where;
    }

    private static string Where(SourceLocation? w) => w is null ? ""
        : (w.Function is not null ? $" in {w.Function}" : "") + " " + w.FileLineColumn;

    private static string Bytes(ulong n) => n == 1 ? "1 byte" : $"{n} bytes";
}
