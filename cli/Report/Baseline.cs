// An earlier run's findings, so CI fails only on new ones.
using System.Text.Json;

namespace Liballocs.Cli.Report;

/// <summary>A finding of the baseline: its fingerprint and how the baseline described it.</summary>
public sealed record BaselineFinding(string Fingerprint, string Description);

/// <summary>
/// The findings of an earlier run (<c>--baseline</c>): a SARIF log <c>liballocs report --sarif</c> wrote (results' fingerprint
/// <see cref="Fingerprints.Key"/>; results marked absent are left out) or the JSON <c>--json</c> wrote.
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
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("runs", out var runs))
                return new Baseline(FromSarif(runs));
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var findings))
                return new Baseline(findings.EnumerateArray().Select(f =>
                    new BaselineFinding(f.GetProperty("fingerprint").GetString()!, f.GetProperty("title").GetString() ?? "")));
            throw new ReportInputException($"{path}: not a baseline (a SARIF log or the JSON of liballocs report)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read baseline {path}: {e.Message}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
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
                if (r.TryGetProperty("baselineState", out var state) && state.GetString() == "absent")
                    continue;
                if (!r.TryGetProperty("partialFingerprints", out var fp) || !fp.TryGetProperty(Fingerprints.Key, out var id))
                    continue;   // another tool's result
                yield return new BaselineFinding(id.GetString()!, r.GetProperty("message").GetProperty("text").GetString() ?? "");
            }
        }
    }

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
