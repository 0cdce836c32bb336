// What `liballocs report` decided: the merged logs, suppressions and baseline applied, ready for every output format.
using Liballocs.Checks.Suppressions;

namespace Liballocs.Cli.Report;

/// <summary>
/// The findings of a set of report logs after suppression rules and a baseline were applied, with fingerprints assigned,
/// ordered most frequent first (then by place, so the order is stable).
/// </summary>
public sealed class MergedReport
{
    private MergedReport(ReportLog log, SourceRoot root, IReadOnlyList<Finding> ordered, IReadOnlyList<BaselineFinding>? gone,
        IReadOnlyList<string> warnings)
    {
        Log = log;
        SourceRoot = root;
        Ordered = ordered;
        Disappeared = gone;
        Warnings = warnings;
    }

    /// <summary>What a person should know about the input: lines skipped (file:line and why), source files that could not be
    /// found or read below the source root.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The logs read.</summary>
    public ReportLog Log { get; }

    /// <summary>The directory paths are made relative to.</summary>
    public SourceRoot SourceRoot { get; }

    /// <summary>Every finding, most frequent first.</summary>
    public IReadOnlyList<Finding> Ordered { get; }

    /// <summary>With a baseline: its findings this run did not meet; null without one.</summary>
    public IReadOnlyList<BaselineFinding>? Disappeared { get; }

    /// <summary>Findings that fail the run (<see cref="Finding.Fails"/>).</summary>
    public int Failing => Ordered.Count(f => f.Fails);

    /// <summary>0 when no finding fails the run, 1 otherwise (the command's exit status for usable input).</summary>
    public int ExitStatus => Failing == 0 ? 0 : 1;

    /// <summary>Applies the rules of each suppressions file (path and rules; findings already suppressed at run time keep that
    /// reason), assigns fingerprints against <paramref name="root"/>, and compares with <paramref name="baseline"/> when given.</summary>
    public static MergedReport Of(ReportLog log, IEnumerable<(string Path, SuppressionRules Rules)> suppressions, SourceRoot root, Baseline? baseline)
    {
        var files = suppressions.ToList();
        foreach (var f in log.Findings)
        {
            foreach (var (path, rules) in files)
            {
                if (f.SuppressedByRule is null && rules.Match(SubjectOf(f.Key)) is { } rule)
                    f.SuppressedByRule = $"suppressed by {path}:{rule.Line}: {SuppressionRules.NameOf(rule.Field)}:{rule.Pattern}";
            }
        }
        var unreadable = Fingerprints.Assign(log.Findings, root);
        var gone = baseline?.Compare(log.Findings);
        var ordered = log.Findings.OrderByDescending(f => f.Count)
            .ThenBy(f => root.Relative(f.Key.Cast.File), StringComparer.Ordinal).ThenBy(f => f.Key.Cast.Line).ThenBy(f => f.Key.Cast.Column)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal).ToList();
        var warnings = log.Problems.Concat(unreadable.Select(file => root.Unresolved.Contains(file)
            ? $"{file}: no such file below the source root {root.Directory} (relative to another compile directory?): its findings' "
                + "locations use the path as given, and their fingerprints lack the source line"
            : $"{root.Resolve(file)}: cannot be read: its findings' fingerprints lack the source line")).ToList();
        return new MergedReport(log, root, ordered, gone, warnings);
    }

    // What the rules see of a finding, as the runtime shows them a failed check; heap damage goes by its kind as the check.
    private static SuppressionSubject SubjectOf(FindingKey k) => new(
        k.IsHeapDamage ? k.Kind : k.Check, k.ExpectedType, k.Cast.Function, k.Cast.File,
        k.AllocationSite is { File: { } file } site ? $"{file}:{site.Line}" : null,
        k.Cast.File is { } castFile ? $"{castFile}:{k.Cast.Line}" : null);
}
