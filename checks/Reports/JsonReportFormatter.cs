// Reports and the exit summary as JSON Lines; the field names are a contract (checks/README.md).
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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
        w.WriteString("kind", r.KindName);
        w.WriteString("check", r.Check);
        w.WritePropertyName("location");
        Location(w, r.Location);
        w.WriteString("pointer", $"0x{(ulong)r.Pointer:x}");
        w.WriteString("expected_type", r.ExpectedType);
        w.WriteStartObject("actual");
        w.WriteString("allocator", r.Allocator);
        w.WriteString("allocation_type", r.AllocationType);
        w.WriteString("allocation_element_type", r.AllocationElementType);
        w.WriteNumber("allocation_size", r.AllocationSize);
        w.WriteNumber("offset", r.Offset);
        w.WriteString("subobject_type", r.SubobjectType);
        w.WriteEndObject();
        w.WritePropertyName("allocation_site");
        if (ReportBuilder.AllocationSiteOf(r.Provenance) is { } site)
            Location(w, site);
        else
            w.WriteNullValue();
        if (r.FreedBy is { } freedBy)
        {
            w.WritePropertyName("freed_by");
            if (ReferenceEquals(freedBy, StackFrame.Unknown))
                w.WriteNullValue();   // freed, by a call whose record the program overwrote
            else
                Frame(w, freedBy);
        }
        if (r.Provenance.ScopeEndedAt is { } end)
        {
            w.WritePropertyName("scope_ended_at");
            Location(w, end);
        }
        w.WriteStartArray("stack");
        foreach (var f in r.Stack)
            Frame(w, f);
        w.WriteEndArray();
        w.WriteNumber("count", r.Count);
    });

    // One stack frame: function, file, line, column (null and 0 without source).
    private static void Frame(Utf8JsonWriter w, StackFrame f)
    {
        w.WriteStartObject();
        w.WriteString("function", f.Function);
        w.WriteString("file", f.HasSource ? f.File : null);
        w.WriteNumber("line", f.HasSource ? f.Line : 0);
        w.WriteNumber("column", f.HasSource ? f.Column : 0);
        w.WriteEndObject();
    }

    /// <inheritdoc/>
    public string FormatDamage(HeapDamageReport r) => Line(w =>
    {
        w.WriteString("kind", HeapDamageReport.Kind);
        w.WritePropertyName("location");
        Location(w, r.Location);
        w.WriteString("pointer", $"0x{(ulong)r.Pointer:x}");
        w.WriteString("chunk", $"0x{(ulong)r.Chunk:x}");
        w.WriteNumber("offset", r.Offset);
        w.WriteNumber("usable_size", r.UsableBytes);
        if (r.AllocatedFrom is { } from)
        {
            w.WritePropertyName("allocated_by");
            Frame(w, from);
        }
        else
            w.WriteNull("allocated_by");
        w.WriteStartArray("stack");
        foreach (var f in r.Stack)
            Frame(w, f);
        w.WriteEndArray();
    });

    /// <inheritdoc/>
    public string FormatSummary(CheckSummary s) => Line(w =>
    {
        w.WriteString("kind", "summary");
        w.WriteNumber("pid", s.ProcessId);
        w.WriteString("program", s.Program);
        w.WriteNumber("checks_begun", s.ChecksBegun);
        w.WriteNumber("passed", s.Passed);
        w.WriteNumber("passed_via_cache", s.PassedViaCache);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("unknown_storage", s.UnknownStorage);
        w.WriteNumber("suppressed", s.Suppressed);
        w.WriteNumber("typings_inferred", s.TypingsInferred);
        w.WriteNumber("heap_metadata_overwritten", s.DamagedChunks);
        DistinctReports(w, "reports", s.Reports);
        DistinctReports(w, "suppressed_reports", s.SuppressedReports);
        w.WriteStartObject("unknown_storage_causes");
        foreach (var k in s.UnknownCauses)
            w.WriteNumber(k.Cause, k.Count);
        w.WriteEndObject();
        w.WriteStartArray("unknown_storage_sites");
        foreach (var u in s.UnknownSites)
        {
            w.WriteStartObject();
            w.WritePropertyName("location");
            Location(w, u.Location);
            w.WriteString("cause", u.Cause);
            w.WriteNumber("count", u.Count);
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
            w.WritePropertyName("location");
            Location(w, d.Location);
            w.WriteString("kind", d.Allocation.Kind);
            w.WriteString("check", d.Check);
            w.WriteString("expected_type", d.ExpectedType);
            w.WriteString("allocation_type", d.Allocation.Type);
            w.WriteString("allocation_element_type", d.Allocation.ElementType);
            w.WritePropertyName("allocation_site");
            if (d.Allocation.Site is { } site)
                Location(w, site);
            else
                w.WriteNullValue();
            w.WriteNumber("count", d.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <inheritdoc/>
    public string FormatNote(string message) => Line(w =>
    {
        w.WriteString("kind", "note");
        w.WriteString("message", message);
    });

    private static void Location(Utf8JsonWriter w, SourceLocation l)
    {
        w.WriteStartObject();
        w.WriteString("file", l.File);
        w.WriteNumber("line", l.Line);
        w.WriteNumber("column", l.Column);
        w.WriteString("function", l.Function);
        w.WriteEndObject();
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("format_version", FormatVersion);
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
