// Reports and the exit summary as JSON Lines; the names are a contract (ReportLogSchema, checks/README.md).
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using static Liballocs.Checks.Reports.ReportLogSchema;

namespace Liballocs.Checks.Reports;

/// <summary>Formats each report, and the summary, as one JSON object on one line.</summary>
public sealed class JsonReportFormatter : IReportFormatter
{
    /// <summary>The version of the JSON Lines contract, written as <c>format_version</c> on every line. Readers refuse a newer
    /// one; raise it when a field changes meaning or goes away (new fields keep it).</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <inheritdoc/>
    public string Format(BadCastReport r) => Line(w =>
    {
        w.WriteString(Fields.Kind, r.KindName);
        w.WriteString(Fields.Check, r.Check);
        w.WritePropertyName(Fields.Location);
        Location(w, r.Location);
        w.WriteString(Fields.Pointer, $"0x{(ulong)r.Pointer:x}");
        w.WriteString(Fields.ExpectedType, r.ExpectedType);
        w.WriteStartObject(Fields.Actual);
        w.WriteString(Fields.Allocator, r.Allocator);
        w.WriteString(Fields.AllocationType, r.AllocationType);
        w.WriteString(Fields.AllocationElementType, r.AllocationElementType);
        w.WriteNumber(Fields.AllocationSize, r.AllocationSize);
        w.WriteNumber(Fields.Offset, r.Offset);
        w.WriteString(Fields.SubobjectType, r.SubobjectType);
        w.WriteEndObject();
        w.WritePropertyName(Fields.AllocationSite);
        if (ReportBuilder.AllocationSiteOf(r.Provenance) is { } site)
            Location(w, site);
        else
            w.WriteNullValue();
        if (r.FreedBy is { } freedBy)
        {
            w.WritePropertyName(Fields.FreedBy);
            if (ReferenceEquals(freedBy, StackFrame.Unknown))
                w.WriteNullValue();   // freed, by a call whose record the program overwrote
            else
                Frame(w, freedBy);
        }
        if (r.Provenance.ScopeEndedAt is { } end)
        {
            w.WritePropertyName(Fields.ScopeEndedAt);
            Location(w, end);
        }
        w.WriteStartArray(Fields.Stack);
        foreach (var f in r.Stack)
            Frame(w, f);
        w.WriteEndArray();
        w.WriteNumber(Fields.Count, r.Count);
    });

    // One stack frame: function, file, line, column (null and 0 without source).
    private static void Frame(Utf8JsonWriter w, StackFrame f)
    {
        w.WriteStartObject();
        w.WriteString(Fields.Function, f.Function);
        w.WriteString(Fields.File, f.HasSource ? f.File : null);
        w.WriteNumber(Fields.Line, f.HasSource ? f.Line : 0);
        w.WriteNumber(Fields.Column, f.HasSource ? f.Column : 0);
        w.WriteEndObject();
    }

    /// <inheritdoc/>
    public string FormatDamage(HeapDamageReport r) => Line(w =>
    {
        w.WriteString(Fields.Kind, HeapDamageReport.Kind);
        w.WritePropertyName(Fields.Location);
        Location(w, r.Location);
        w.WriteString(Fields.Pointer, $"0x{(ulong)r.Pointer:x}");
        w.WriteString(Fields.Chunk, $"0x{(ulong)r.Chunk:x}");
        w.WriteNumber(Fields.Offset, r.Offset);
        w.WriteNumber(Fields.UsableSize, r.UsableBytes);
        if (r.AllocatedFrom is { } from)
        {
            w.WritePropertyName(Fields.AllocatedBy);
            Frame(w, from);
        }
        else
            w.WriteNull(Fields.AllocatedBy);
        w.WriteStartArray(Fields.Stack);
        foreach (var f in r.Stack)
            Frame(w, f);
        w.WriteEndArray();
    });

    /// <inheritdoc/>
    public string FormatSummary(CheckSummary s) => Line(w =>
    {
        w.WriteString(Fields.Kind, ReportLogSchema.Kinds.Summary);
        w.WriteNumber(Fields.Pid, s.ProcessId);
        w.WriteString(Fields.Program, s.Program);
        w.WriteNumber(Fields.ChecksBegun, s.ChecksBegun);
        w.WriteNumber(Fields.Passed, s.Passed);
        w.WriteNumber(Fields.PassedViaCache, s.PassedViaCache);
        w.WriteNumber(Fields.Failed, s.Failed);
        w.WriteNumber(Fields.UnknownStorage, s.UnknownStorage);
        w.WriteNumber(Fields.Suppressed, s.Suppressed);
        w.WriteNumber(Fields.TypingsInferred, s.TypingsInferred);
        w.WriteNumber(Fields.HeapMetadataOverwritten, s.DamagedChunks);
        DistinctReports(w, Fields.Reports, s.Reports);
        DistinctReports(w, Fields.SuppressedReports, s.SuppressedReports);
        w.WriteStartObject(Fields.UnknownStorageCauses);
        foreach (var k in s.UnknownCauses)
            w.WriteNumber(k.Cause, k.Count);
        w.WriteEndObject();
        w.WriteStartArray(Fields.UnknownStorageSites);
        foreach (var u in s.UnknownSites)
        {
            w.WriteStartObject();
            w.WritePropertyName(Fields.Location);
            Location(w, u.Location);
            w.WriteString(Fields.Cause, u.Cause);
            w.WriteNumber(Fields.Count, u.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void DistinctReports(Utf8JsonWriter w, string name, IReadOnlyList<DistinctReport> reports)
    {
        w.WriteStartArray(name);
        foreach (var d in reports)
        {
            w.WriteStartObject();
            w.WritePropertyName(Fields.Location);
            Location(w, d.Location);
            w.WriteString(Fields.Kind, d.Allocation.Kind);
            w.WriteString(Fields.Check, d.Check);
            w.WriteString(Fields.ExpectedType, d.ExpectedType);
            w.WriteString(Fields.AllocationType, d.Allocation.Type);
            w.WriteString(Fields.AllocationElementType, d.Allocation.ElementType);
            w.WritePropertyName(Fields.AllocationSite);
            if (d.Allocation.Site is { } site)
                Location(w, site);
            else
                w.WriteNullValue();
            w.WriteNumber(Fields.Count, d.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <inheritdoc/>
    public string FormatNote(string message) => Line(w =>
    {
        w.WriteString(Fields.Kind, ReportLogSchema.Kinds.Note);
        w.WriteString(Fields.Message, message);
    });

    private static void Location(Utf8JsonWriter w, SourceLocation l)
    {
        w.WriteStartObject();
        w.WriteString(Fields.File, l.File);
        w.WriteNumber(Fields.Line, l.Line);
        w.WriteNumber(Fields.Column, l.Column);
        w.WriteString(Fields.Function, l.Function);
        w.WriteEndObject();
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber(Fields.FormatVersion, FormatVersion);
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
