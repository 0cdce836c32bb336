// The suppressions file: one rule per line, `field:glob`, # comments.
namespace Liballocs.Checks.Suppressions;

/// <summary>
/// Parsed suppression rules. A report matching any rule is not printed (and is counted as
/// suppressed). A malformed line gets one message, <c>liballocs: FILE:LINE: problem</c>; the
/// other rules still apply.
/// </summary>
public sealed class SuppressionRules
{
    private static readonly (SuppressionField Field, string Name)[] Fields =
    [
        (SuppressionField.Check, "check"),
        (SuppressionField.Type, "type"),
        (SuppressionField.Function, "function"),
        (SuppressionField.File, "file"),
        (SuppressionField.AllocSite, "alloc_site"),
        (SuppressionField.Cast, "cast"),
    ];

    private SuppressionRules(IReadOnlyList<SuppressionRule> rules, IReadOnlyList<string> problems)
    {
        Rules = rules;
        Problems = problems;
    }

    /// <summary>No rules.</summary>
    public static SuppressionRules None { get; } = new([], []);

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<SuppressionRule> Rules { get; }

    /// <summary>One message per malformed line.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads the file at <paramref name="path"/>; an unreadable file is one problem and no rules.</summary>
    public static SuppressionRules Load(string path)
    {
        try
        {
            return Parse(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new([], [$"liballocs: cannot read suppressions file {path}: {e.Message}"]);
        }
    }

    /// <summary>Parses <paramref name="text"/>, the contents of the file named <paramref name="fileName"/>.</summary>
    public static SuppressionRules Parse(string fileName, string text)
    {
        var rules = new List<SuppressionRule>();
        var problems = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
                line = line[..hash];
            line = line.Trim();
            if (line.Length == 0)
                continue;
            if (ParseRule(line, i + 1, out var rule) is { } problem)
                problems.Add($"liballocs: {fileName}:{i + 1}: {problem}");
            else
                rules.Add(rule!);
        }
        return new SuppressionRules(rules, problems);
    }

    private static string? ParseRule(string line, int number, out SuppressionRule? rule)
    {
        rule = null;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return $"expected FIELD:PATTERN, got '{line}'";
        var name = line[..colon].Trim();
        var pattern = line[(colon + 1)..].Trim();
        var found = Array.FindIndex(Fields, f => f.Name == name);
        if (found < 0)
            return $"unknown field '{name}' (expected {string.Join(", ", Fields.Select(f => f.Name))})";
        if (pattern.Length == 0)
            return $"empty pattern after '{name}:'";
        var field = Fields[found].Field;
        if (field == SuppressionField.Check && !CheckKinds.All.Any(k => Glob.Matches(pattern, k.Name)))
            return $"'{pattern}' matches no check (expected one of {string.Join(", ", CheckKinds.All.Select(k => k.Name))})";
        rule = new SuppressionRule(field, pattern, number);
        return null;
    }

    /// <summary>The name a rule line gives <paramref name="field"/> (<c>alloc_site</c>...).</summary>
    public static string NameOf(SuppressionField field) => Array.Find(Fields, f => f.Field == field).Name;

    /// <summary>The first rule matching <paramref name="subject"/>, or null.</summary>
    public SuppressionRule? Match(SuppressionSubject subject)
    {
        foreach (var r in Rules)
        {
            var value = r.Field switch
            {
                SuppressionField.Check => subject.Check,
                SuppressionField.Type => subject.ExpectedType,
                SuppressionField.Function => subject.Function,
                SuppressionField.File => subject.File,
                SuppressionField.Cast => subject.Cast,
                _ => subject.AllocSite,
            };
            if (value is not null && Glob.Matches(r.Pattern, value))
                return r;
        }
        return null;
    }
}
