// LIBALLOCS_OPTIONS parsed against the option table; typed accessors for the runtime.
using System.Globalization;
using System.Text;

namespace Liballocs.Checks.Options;

/// <summary>
/// The values of every option in <see cref="OptionTable"/>: defaults, overridden by
/// <c>name=value</c> pairs separated by colons. An unknown option or a malformed value gets one
/// message (collected in <see cref="Problems"/>) and leaves the default in place.
/// </summary>
public sealed class CheckOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private CheckOptions()
    {
        foreach (var o in OptionTable.All)
            values[o.Name] = o.Default;
    }

    /// <summary>Every option at its default.</summary>
    public static CheckOptions Defaults { get; } = new();

    /// <summary>One message per unknown option or malformed value, in order.</summary>
    public IReadOnlyList<string> Problems { get; private init; } = [];

    /// <summary>Parses <paramref name="text"/> (the value of LIBALLOCS_OPTIONS; null or empty: defaults).</summary>
    public static CheckOptions Parse(string? text)
    {
        var problems = new List<string>();
        var options = new CheckOptions { Problems = problems };
        foreach (var pair in (text ?? "").Split(':'))
        {
            if (pair.Trim().Length == 0)
                continue;
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? pair : pair[..eq]).Trim();
            if (OptionTable.Find(name) is not { } spec)
            {
                problems.Add($"liballocs: unknown option '{name}' in LIBALLOCS_OPTIONS; ignored (help=1 lists the options)");
                continue;
            }
            if (eq < 0)
            {
                problems.Add($"liballocs: option '{name}' has no value (expected {name}=VALUE); using the default {spec.DefaultText}");
                continue;
            }
            var value = pair[(eq + 1)..].Trim();
            if (Validate(spec, value) is { } problem)
            {
                problems.Add($"liballocs: option '{name}': {problem}; using the default {spec.DefaultText}");
                continue;
            }
            options.values[name] = Normalise(spec, value);
        }
        return options;
    }

    /// <summary>The value of option <paramref name="name"/> as text.</summary>
    public string this[string name] => values[name];

    /// <summary>halt_on_error.</summary>
    public bool HaltOnError => Flag(OptionTable.HaltOnError);

    /// <summary>exitcode.</summary>
    public int ExitCode => (int)Integer(OptionTable.ExitCode);

    /// <summary>log_path, or null for stderr.</summary>
    public string? LogPath => Text(OptionTable.LogPath);

    /// <summary>True when report_format=json.</summary>
    public bool Json => values[OptionTable.ReportFormat] == "json";

    /// <summary>print_summary.</summary>
    public bool PrintSummary => Flag(OptionTable.PrintSummary);

    /// <summary>suppressions, or null.</summary>
    public string? SuppressionsFile => Text(OptionTable.Suppressions);

    /// <summary>color: "auto", "always" or "never".</summary>
    public string Color => values[OptionTable.Color];

    /// <summary>verbosity.</summary>
    public int Verbosity => (int)Integer(OptionTable.Verbosity);

    /// <summary>Whether stack frames in objects with separate debug files get source lines too.</summary>
    public bool SymbolizeSeparateDebugInfo => Flag(OptionTable.SymbolizeSeparateDebugInfo);

    /// <summary>help.</summary>
    public bool Help => Flag(OptionTable.Help);

    /// <summary>The help text: every option with its default and meaning.</summary>
    public static string HelpText()
    {
        var b = new StringBuilder("liballocs: LIBALLOCS_OPTIONS=name=value:name=value... options:\n");
        var nameWidth = OptionTable.All.Max(o => o.Name.Length);
        var defaultWidth = OptionTable.All.Max(o => o.DefaultText.Length);
        foreach (var o in OptionTable.All)
            b.Append(CultureInfo.InvariantCulture, $"    {o.Name.PadRight(nameWidth)}  {o.DefaultText.PadRight(defaultWidth)}  {o.Description}\n");
        return b.ToString();
    }

    private bool Flag(string name) => values[name] == "1";

    private long Integer(string name) => long.Parse(values[name], CultureInfo.InvariantCulture);

    private string? Text(string name) => values[name].Length == 0 ? null : values[name];

    private static string? Validate(OptionSpec spec, string value) => spec.Type switch
    {
        OptionType.Flag => value is "0" or "1" or "false" or "true" ? null : $"expected 0 or 1, got '{value}'",
        OptionType.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n >= spec.Min && n <= spec.Max ? null : $"expected an integer from {spec.Min} to {spec.Max}, got '{value}'"
            : $"expected an integer, got '{value}'",
        OptionType.Choice => spec.Choices!.Contains(value) ? null : $"expected {string.Join(", ", spec.Choices!)}, got '{value}'",
        _ => null,
    };

    private static string Normalise(OptionSpec spec, string value) =>
        spec.Type == OptionType.Flag ? (value is "1" or "true" ? "1" : "0") : value;
}
