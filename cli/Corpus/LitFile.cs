// A corpus program with FileCheck-style expectations written beside the code.
using System.Text;
using System.Text.RegularExpressions;

namespace Liballocs.Cli.Corpus;

/// <summary>
/// A C file of the corpus and what it expects. Directives are comments:
/// <c>// CHECK: text</c> must match a line of the output, in order after the previous CHECK;
/// <c>// CHECK-NEXT: text</c> must match the line right after the previous CHECK's (or CHECK-NEXT's);
/// <c>// CHECK-NOT: text</c> must match no line of the output (anywhere: stronger than FileCheck's, which looks only between
/// the CHECKs around it, and what the corpus was written for);
/// <c>// ALLOCSCC-FLAGS: -O2 ...</c> extra compiler flags (<c>%S</c> is the file's directory, e.g.
/// <c>--allocators %S/pool.yaml</c>); several such lines build and run the program once per line, each
/// run held to the same expectations (e.g. <c>-O0</c> and <c>-O2</c>); <c>// ARGS: a b</c> program arguments;
/// <c>// EXIT: n</c> expected exit status (default 0); <c>// OPTIONS: print_summary=1:halt_on_error=1</c> the run's
/// <c>LIBALLOCS_OPTIONS</c> (<c>%S</c> as above, e.g. <c>suppressions=%S/known.supp</c>; several lines join with ':'; not
/// <c>report_format</c> or <c>log_path</c>: reports are read from the output, as text).
/// In patterns, <c>{{regex}}</c> is a regular expression, <c>[[@LINE]]</c> (or <c>[[@LINE+n]]</c>,
/// <c>[[@LINE-n]]</c>) the directive's own line number; everything else is literal.
/// A pattern matches a line when it matches a substring of it.
/// </summary>
public sealed partial class LitFile
{
    private LitFile(string path, List<(int Line, Regex Pattern, string Text, bool Next)> checks,
        List<(int Line, Regex Pattern, string Text)> checkNots, List<string[]> flagVariants, string[] args, int exit, string? options)
    {
        Path = path;
        Checks = checks;
        Options = options;
        CheckNots = checkNots;
        FlagVariants = flagVariants.Count == 0 ? [[]] : flagVariants;
        Args = args;
        ExpectedExit = exit;
    }

    /// <summary>The C file.</summary>
    public string Path { get; }

    /// <summary>CHECK and CHECK-NEXT patterns in file order (<c>Next</c>: a CHECK-NEXT).</summary>
    public IReadOnlyList<(int Line, Regex Pattern, string Text, bool Next)> Checks { get; }

    /// <summary>The run's <c>LIBALLOCS_OPTIONS</c>; null without OPTIONS lines.</summary>
    public string? Options { get; }

    /// <summary>CHECK-NOT patterns.</summary>
    public IReadOnlyList<(int Line, Regex Pattern, string Text)> CheckNots { get; }

    /// <summary>Extra compiler flags, one set per build of the program (one empty set without ALLOCSCC-FLAGS lines).</summary>
    public IReadOnlyList<string[]> FlagVariants { get; }

    /// <summary>The first (usually only) set of extra compiler flags.</summary>
    public string[] Flags => FlagVariants[0];

    /// <summary>Program arguments.</summary>
    public string[] Args { get; }

    /// <summary>Expected exit status.</summary>
    public int ExpectedExit { get; }

    /// <summary>Reads the directives of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">A directive is malformed (an unterminated <c>{{</c> or a bad regular expression in it, an
    /// EXIT that is no status, a CHECK-NEXT with no CHECK before it, OPTIONS moving the reports), with the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LitFile Parse(string path)
    {
        var checks = new List<(int, Regex, string, bool)>();
        var options = new List<string>();
        var nots = new List<(int, Regex, string)>();
        var flags = new List<string[]>();
        string[] args = [];
        var exit = 0;
        var lines = File.ReadAllLines(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Directive().Match(lines[i]);
            if (!m.Success)
                continue;
            var value = m.Groups["value"].Value.Trim();
            switch (m.Groups["kind"].Value)
            {
                case "CHECK": checks.Add((i + 1, Compile(path, value, i + 1), value, false)); break;
                case "CHECK-NEXT":
                    if (checks.Count == 0)
                        throw new FormatException($"{path}:{i + 1}: CHECK-NEXT with no CHECK before it");
                    checks.Add((i + 1, Compile(path, value, i + 1), value, true));
                    break;
                case "CHECK-NOT": nots.Add((i + 1, Compile(path, value, i + 1), value)); break;
                case "ALLOCSCC-FLAGS":
                    flags.Add(value.Replace("%S", directory, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "ARGS": args = value.Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "EXIT":
                    // No sign: -1 is how the runner reports a program it killed for running too long.
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out exit)
                        || exit > 255)
                        throw new FormatException($"{path}:{i + 1}: EXIT wants a status from 0 to 255, not '{value}'");
                    break;
                case "OPTIONS":
                    // The runner reads the reports from the program's output, as text: an option sending them elsewhere or as JSON
                    // would let every CHECK-NOT pass unseen.
                    if (value.Split(':').Select(o => o.Split('=')[0].Trim()).Any(name => name is "report_format" or "log_path"))
                        throw new FormatException($"{path}:{i + 1}: OPTIONS may not set report_format or log_path (reports are read as text from the output)");
                    options.Add(value.Replace("%S", directory, StringComparison.Ordinal));
                    break;
            }
        }
        return new LitFile(path, checks, nots, flags, args, exit, options.Count == 0 ? null : string.Join(':', options));
    }

    /// <summary>Checks <paramref name="output"/> against the directives; returns the failures
    /// (empty when everything matched).</summary>
    public List<string> Verify(string output)
    {
        var failures = new List<string>();
        var lines = output.Split('\n');
        var next = 0;
        foreach (var (line, pattern, text, isNext) in Checks)
        {
            if (isNext)
            {
                if (next < lines.Length && pattern.IsMatch(lines[next]))
                    next++;
                else
                    failures.Add($"{Path}:{line}: CHECK-NEXT does not match output line {next + 1}: {text}");
                continue;
            }
            var found = -1;
            for (var i = next; i < lines.Length && found < 0; i++)
            {
                if (pattern.IsMatch(lines[i]))
                    found = i;
            }
            if (found < 0)
                failures.Add($"{Path}:{line}: CHECK not found after output line {next + 1}: {text}");
            else
                next = found + 1;
        }
        foreach (var (line, pattern, text) in CheckNots)
        {
            var hit = Array.FindIndex(lines, l => pattern.IsMatch(l));
            if (hit >= 0)
                failures.Add($"{Path}:{line}: CHECK-NOT matched output line {hit + 1}: {lines[hit]}");
        }
        return failures;
    }

    private static Regex Compile(string path, string pattern, int line)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern.AsSpan(i).StartsWith("{{"))
            {
                var end = pattern.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end < 0)
                    throw new FormatException($"{path}:{line}: unterminated {{{{ in pattern");
                sb.Append('(').Append(pattern, i + 2, end - i - 2).Append(')');
                i = end + 2;
            }
            else if (LineVariable().Match(pattern, i) is { Success: true, Index: var at } m && at == i)
            {
                var offset = m.Groups["off"].Success ? int.Parse(m.Groups["off"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                sb.Append(line + offset);
                i += m.Length;
            }
            else
            {
                sb.Append(Regex.Escape(pattern[i].ToString()));
                i++;
            }
        }
        try
        {
            return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}:{line}: the pattern's regular expression is malformed: {e.Message}");
        }
    }

    [GeneratedRegex(@"//\s*(?<kind>CHECK-NOT|CHECK-NEXT|CHECK|ALLOCSCC-FLAGS|ARGS|EXIT|OPTIONS):(?<value>.*)$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"\[\[@LINE(?<off>[+-]\d+)?\]\]")]
    private static partial Regex LineVariable();
}
