// The findings as JSON (--json): for scripts, and as a baseline for a later run.
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Liballocs.Cli.Report;

/// <summary>
/// Writes the merged findings as one JSON object: <c>format_version</c>, the totals of the logs, the cast sites that met unknown
/// storage most (<c>unknown_storage_sites</c>), <c>findings</c> (each with
/// <c>fingerprint</c>, <c>title</c>, <c>rule</c>, the key's fields, <c>count</c>, <c>processes</c>, <c>programs</c>,
/// <c>suppression</c>, <c>baseline_state</c>, <c>stack</c>) and, with a baseline, <c>disappeared</c>.
/// <see cref="Baseline.Load"/> reads it back.
/// </summary>
public static class FindingsJson
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, MergedReport report)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var log = report.Log;
        w.WriteStartObject();
        w.WriteNumber("format_version", ReportLog.FormatVersion);
        w.WriteNumber("processes", log.Processes);
        w.WriteNumber("processes_without_summary", log.ProcessesWithoutSummary);
        w.WriteNumber("checks", log.Checks);
        w.WriteNumber("unknown_storage", log.UnknownStorage);
        w.WriteNumber("skipped_lines", log.MalformedLines);
        w.WriteStartArray("unknown_storage_sites");
        foreach (var (cast, cause, count) in log.UnknownSites)
        {
            w.WriteStartObject();
            w.WritePropertyName("location");
            Place(w, cast, report.SourceRoot);
            w.WriteString("cause", cause);
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in report.Ordered)
        {
            var k = f.Key;
            w.WriteStartObject();
            w.WriteString("fingerprint", f.Fingerprint);
            w.WriteString("title", f.Title(report.SourceRoot));
            w.WriteString("rule", ReportRules.IdOf(k));
            w.WriteString("kind", k.Kind);
            w.WriteString("check", k.Check);
            w.WritePropertyName("location");
            Place(w, k.Cast, report.SourceRoot);
            w.WriteString("expected_type", k.ExpectedType);
            w.WriteString("allocation_type", f.AllocationType);
            w.WriteString("allocation_element_type", k.AllocationElementType);
            w.WritePropertyName("allocation_site");
            Place(w, k.AllocationSite, report.SourceRoot);
            f.WriteOccurrences(w);
            w.WriteString("suppression", f.Suppression);
            w.WriteString("baseline_state", f.BaselineStateName);
            w.WriteStartArray("stack");
            foreach (var s in f.Stack)
                Place(w, s, report.SourceRoot);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (report.Disappeared is { } gone)
        {
            w.WriteStartArray("disappeared");
            foreach (var g in gone)
            {
                w.WriteStartObject();
                w.WriteString("fingerprint", g.Fingerprint);
                w.WriteString("title", g.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Place(Utf8JsonWriter w, SourcePlace? p, SourceRoot root)
    {
        if (p is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("file", root.Relative(p.File));
        w.WriteNumber("line", p.Line);
        w.WriteNumber("column", p.Column);
        w.WriteString("function", p.Function);
        w.WriteEndObject();
    }
}
