// An earlier run's findings, so CI fails only on new ones.
using System.Text.Json;

namespace Liballocs.Cli.Report;

/// <summary>A finding of the baseline.</summary>
/// <param name="Fingerprint">Its fingerprint (<see cref="Fingerprints.Key"/>).</param>
/// <param name="Description">How the baseline names it: the finding's title, else its message and location.</param>
public sealed record BaselineFinding(string Fingerprint, string Description);

/// <summary>
/// The findings of an earlier run (<c>--baseline</c>): a SARIF log <c>liballocs report --sarif</c> wrote (results' fingerprint
/// <see cref="Fingerprints.Key"/>; results marked absent, and other tools' results, are left out) or the JSON <c>--json</c> wrote.
/// </summary>
public sealed class Baseline
{
    private readonly Dictionary<string, BaselineFinding> byFingerprint;

    private Baseline(IEnumerable<BaselineFinding> findings) =>
        byFingerprint = findings.GroupBy(f => f.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Its findings, each once.</summary>
    public IReadOnlyCollection<BaselineFinding> Findings => byFingerprint.Values;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="ReportInputException">It cannot be read, or is neither such a SARIF log nor such a JSON file.</exception>
    public static Baseline Load(string path)
    {
        if (!File.Exists(path))
            throw new ReportInputException($"cannot read baseline {path}: no such file (make one from an accepted run: "
                + $"liballocs report LOGS --sarif {path})");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("runs", out var runs))
                return new Baseline(FromSarif(runs));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var findings))
                return new Baseline(findings.EnumerateArray().Select(f => new BaselineFinding(Text(f, "fingerprint"), Text(f, "title"))));
            throw new FormatException("it has neither 'runs' nor 'findings'");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read baseline {path}: {e.Message}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ReportInputException($"{path}: not a baseline (a SARIF log or the JSON of liballocs report): {e.Message}");
        }
    }

    private static IEnumerable<BaselineFinding> FromSarif(JsonElement runs)
    {
        foreach (var run in runs.EnumerateArray())
        {
            foreach (var r in run.GetProperty("results").EnumerateArray())
            {
                if (r.TryGetProperty("baselineState", out var state) && state.ValueKind == JsonValueKind.String && state.GetString() == "absent")
                    continue;
                if (!r.TryGetProperty("partialFingerprints", out var fp) || !fp.TryGetProperty(Fingerprints.Key, out _))
                    continue;   // another tool's result
                yield return new BaselineFinding(Text(fp, Fingerprints.Key), Describe(r));
            }
        }
    }

    // The title liballocs report keeps in the result's property bag; else the message and the first location.
    private static string Describe(JsonElement result)
    {
        if (result.TryGetProperty("properties", out var bag) && bag.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            return title.GetString()!;
        var message = result.GetProperty("message").GetProperty("text").GetString() ?? "";
        if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
            && locations[0].TryGetProperty("physicalLocation", out var physical))
        {
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString();
            var line = physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var l) ? $":{l.GetInt32()}" : "";
            return $"{uri}{line}: {message}";
        }
        return message;
    }

    // A string field that must be one.
    private static string Text(JsonElement o, string name) =>
        o.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"'{name}' is not a string");

    /// <summary>Marks each finding new or unchanged; returns the baseline's findings no longer seen, in the baseline's order.</summary>
    public IReadOnlyList<BaselineFinding> Compare(IEnumerable<Finding> current)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in current)
        {
            f.Baseline = byFingerprint.ContainsKey(f.Fingerprint) ? BaselineState.Unchanged : BaselineState.New;
            seen.Add(f.Fingerprint);
        }
        return [.. byFingerprint.Values.Where(b => !seen.Contains(b.Fingerprint))];
    }
}
