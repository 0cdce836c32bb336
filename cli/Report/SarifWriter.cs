// SARIF 2.1.0 (OASIS), the format code-scanning services read; written with Utf8JsonWriter, no SARIF object model.
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Liballocs.Checks.Reports;

namespace Liballocs.Cli.Report;

/// <summary>
/// Writes the findings as one SARIF 2.1.0 run: a rule per kind of finding (<see cref="ReportRules"/>), a result per finding with
/// the cast as its location, the allocation site as a related location, the representative stack as a code flow, the fingerprint
/// in <c>partialFingerprints</c>, suppressions and baseline state. Paths below the source root are relative URIs against the
/// base id <c>SRCROOT</c>; others are absolute <c>file:</c> URIs. The run's property bag holds the totals of the logs.
/// </summary>
public static class SarifWriter
{
    /// <summary>The base id of relative URIs.</summary>
    public const string RootId = "SRCROOT";

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, MergedReport report)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var root = report.SourceRoot;
        w.WriteStartObject();
        w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "liballocs");
        w.WriteString("fullName", "liballocs run-time type checker (allocscc)");
        w.WriteString("version", ToolVersion);
        w.WriteString("informationUri", "https://github.com/stephenrkell/liballocs");
        w.WriteStartArray("rules");
        foreach (var r in ReportRules.All)
            Rule(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(RootId);
        w.WriteString("uri", new Uri(root.Directory.EndsWith('/') ? root.Directory : root.Directory + "/").AbsoluteUri);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", true);
        w.WriteStartArray("toolExecutionNotifications");
        foreach (var problem in report.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("level", "warning");
            w.WriteStartObject("message");
            w.WriteString("text", problem);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("results");
        foreach (var f in report.Ordered)
            Result(w, f, root);
        w.WriteEndArray();

        w.WriteStartObject("properties");
        w.WriteNumber("processes", report.Log.Processes);
        w.WriteNumber("processesWithoutSummary", report.Log.ProcessesWithoutSummary);
        w.WriteNumber("checks", report.Log.Checks);
        w.WriteNumber("unknownStorage", report.Log.UnknownStorage);
        w.WriteNumber("skippedLines", report.Log.MalformedLines);
        w.WriteEndObject();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The version SARIF names the tool by: the liballocs assembly's informational version.</summary>
    public static string ToolVersion =>
        typeof(SarifWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    private static void Rule(Utf8JsonWriter w, ReportRule r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        Text(w, "shortDescription", r.Short);
        Text(w, "fullDescription", r.Full);
        Text(w, "help", r.Help);
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", "error");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Result(Utf8JsonWriter w, Finding f, SourceRoot root)
    {
        var k = f.Key;
        w.WriteStartObject();
        w.WriteString("ruleId", ReportRules.IdOf(k));
        if (ReportRules.IndexOf(k) is var index and >= 0)
            w.WriteNumber("ruleIndex", index);
        w.WriteString("level", "error");
        Text(w, "message", Message(f));
        // Code scanning needs a file for every result: a cast without one stands at its innermost frame that has one.
        if ((k.Cast.File is not null ? k.Cast : f.Stack.FirstOrDefault(s => s.File is not null)) is { } primary)
        {
            w.WriteStartArray("locations");
            Location(w, primary, root, null, null);
            w.WriteEndArray();
        }
        if (k.AllocationSite is { } site && site.File is not null)
        {
            w.WriteStartArray("relatedLocations");
            var type = f.AllocationType ?? k.AllocationElementType;
            Location(w, site, root, 1, k.IsHeapDamage ? "the damaged chunk was allocated here"
                : type is null ? "the memory was allocated here" : $"the '{type}' was allocated here");
            w.WriteEndArray();
        }
        // Frames without a source file (libc's, stripped objects') stay in the text and JSON outputs only.
        var frames = f.Stack.Where(s => s.File is not null).ToList();
        if (frames.Count > 0)
        {
            w.WriteStartArray("codeFlows");
            w.WriteStartObject();
            w.WriteStartArray("threadFlows");
            w.WriteStartObject();
            w.WriteStartArray("locations");
            // A thread flow runs from the outermost call to the cast.
            for (var i = frames.Count - 1; i >= 0; i--)
            {
                w.WriteStartObject();
                w.WritePropertyName("location");
                Location(w, frames[i], root, null, frames[i].Function is { } fn ? $"in {fn}" : null);
                w.WriteNumber("nestingLevel", frames.Count - 1 - i);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("partialFingerprints");
        w.WriteString(Fingerprints.Key, f.Fingerprint);
        w.WriteEndObject();
        if (f.Suppression is { } why)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("justification", why);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (f.BaselineStateName is { } state)
            w.WriteString("baselineState", state);
        w.WriteStartObject("properties");
        w.WriteString("title", f.Title(root));
        f.WriteOccurrences(w);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The result's message: what was cast, what was there, how often.</summary>
    public static string Message(Finding f)
    {
        var k = f.Key;
        var what = k.IsHeapDamage
            ? "Heap metadata of a chunk was overwritten (did the chunk's data overflow?)"
            : $"{(k.Kind == BadCastReport.UseAfterFreeKind ? "Cast into freed memory" : "Bad cast")} to '{k.ExpectedType}' ({k.Check})";
        var there = f.Actual is { } a ? $": {a}" : (f.AllocationType ?? k.AllocationElementType) is { } t ? $": the memory holds a '{t}'" : "";
        var freed = f.FreedBy is { } by ? $", freed at {by}" : "";
        var times = f.Count == 1 ? "once" : $"{f.Count} times";
        var processes = f.Processes == 1 ? "1 process" : $"{f.Processes} processes";
        return $"{what}{there}{freed}. Met {times} in {processes}.";
    }

    private static void Location(Utf8JsonWriter w, SourcePlace p, SourceRoot root, int? id, string? message)
    {
        w.WriteStartObject();
        if (id is { } n)
            w.WriteNumber("id", n);
        if (p.File is not null)
        {
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            var relative = root.Relative(p.File)!;
            if (Path.IsPathRooted(relative))
                w.WriteString("uri", new Uri(relative).AbsoluteUri);
            else
            {
                w.WriteString("uri", string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)));
                w.WriteString("uriBaseId", RootId);
            }
            w.WriteEndObject();
            if (p.Line > 0)
            {
                w.WriteStartObject("region");
                w.WriteNumber("startLine", p.Line);
                if (p.Column > 0)
                    w.WriteNumber("startColumn", p.Column);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (p.Function is not null)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", p.Function);
            w.WriteString("kind", "function");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (message is not null)
            Text(w, "message", message);
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
