// What the system compiler and linker said, read for the few shapes the extraction acts on (LC_ALL=C keeps their quotes
// ASCII).
using System.Text.RegularExpressions;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>A header the compiler could not find: <paramref name="Includer"/> is the file (as the compiler named it)
/// whose line <paramref name="Line"/> includes <paramref name="Header"/>.</summary>
public sealed record MissingHeader(string Includer, int Line, string Header);

/// <summary>Parses gcc and ld diagnostics.</summary>
public static partial class CompilerDiagnostics
{
    [GeneratedRegex(@"^(?<file>[^:\s]+):(?<line>\d+):\d+: fatal error: (?<header>[^:]+): No such file or directory$", RegexOptions.Multiline)]
    private static partial Regex MissingHeaderPattern();

    // Identifiers the compiler does not know: used undeclared, called undeclared, or named as a type.
    [GeneratedRegex(@"error: (?:'(?<id>[A-Za-z_]\w*)' undeclared|implicit declaration of function '(?<id>[A-Za-z_]\w*)'|unknown type name '(?<id>[A-Za-z_]\w*)')")]
    private static partial Regex UnknownIdentifierPattern();

    // gcc names the standard header of a standard function or type used undeclared.
    [GeneratedRegex(@"note: (?:include '<(?<header>[^>]+)>' or provide a declaration of '(?<id>[A-Za-z_]\w*)'|'(?<id>[A-Za-z_]\w*)' is defined in header '<(?<header>[^>]+)>')")]
    private static partial Regex StandardHeaderNotePattern();

    [GeneratedRegex(@"undefined reference to `(?<id>[A-Za-z_]\w*)'|undefined symbol: (?<id>[A-Za-z_]\w*)")]
    private static partial Regex UndefinedSymbolPattern();

    [GeneratedRegex(@"^(?<file>[^:\s]+):\d+:\d+: error: ", RegexOptions.Multiline)]
    private static partial Regex ErrorPattern();

    /// <summary>The first header the compiler could not find (it stops there), or null.</summary>
    public static MissingHeader? FirstMissingHeader(string output)
    {
        var m = MissingHeaderPattern().Match(output);
        return m.Success ? new MissingHeader(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), m.Groups["header"].Value.Trim()) : null;
    }

    /// <summary>Every identifier the compiler reported as undeclared, implicitly declared or an unknown type name, in
    /// the order first reported.</summary>
    public static IReadOnlyList<string> UnknownIdentifiers(string output) =>
        UnknownIdentifierPattern().Matches(output).Select(m => m.Groups["id"].Value).Distinct().ToList();

    /// <summary>Each identifier (function or type) gcc said a standard header declares, with that header.</summary>
    public static IReadOnlyDictionary<string, string> StandardHeaders(string output)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in StandardHeaderNotePattern().Matches(output))
            map.TryAdd(m.Groups["id"].Value, m.Groups["header"].Value);
        return map;
    }

    /// <summary>Every symbol the linker reported undefined, in the order first reported.</summary>
    public static IReadOnlyList<string> UndefinedSymbols(string output) =>
        UndefinedSymbolPattern().Matches(output).Select(m => m.Groups["id"].Value).Distinct().ToList();

    /// <summary>The first error line, for a message when nothing else applies; null when there is none.</summary>
    public static string? FirstError(string output)
    {
        var m = ErrorPattern().Match(output);
        if (!m.Success)
            return null;
        var end = output.IndexOf('\n', m.Index);
        return end < 0 ? output[m.Index..] : output[m.Index..end];
    }
}
