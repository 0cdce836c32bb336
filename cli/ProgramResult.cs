// One real program's run: what its script recorded and what its report logs add up to.
using System.Globalization;
using Liballocs.Cli.Report;

namespace Liballocs.Cli;

/// <summary>
/// The outcome of one program of corpus/real: the facts its script wrote to <c>result</c>
/// (<c>key=value</c> lines; the last value of a key wins), its report logs, and the wall time.
/// </summary>
/// <param name="Name">The program's directory name under corpus/real, e.g. <c>zlib</c>.</param>
/// <param name="Facts">The script's facts: <c>fetch</c> (ok or failed), <c>fetch_error</c>, <c>source_version</c>, <c>source</c>,
/// <c>build</c> (ok or failed), <c>tests_passed</c>, <c>tests_failed</c>, <c>test_seconds</c>.</param>
/// <param name="Reports">Its report logs, merged as <c>liballocs report</c> merges them (the program's known.supp applied at run time).</param>
/// <param name="Elapsed">Wall time of the whole script: fetch, build and tests.</param>
/// <param name="ExitCode">The script's exit status.</param>
public sealed record ProgramResult(string Name, IReadOnlyDictionary<string, string> Facts, MergedReport Reports, TimeSpan Elapsed, int ExitCode)
{
    /// <summary>The script could not download the program's sources (no version apt lists downloaded), so
    /// nothing was built or tested: a fault of the machine's network or archives, not of the checker.</summary>
    public bool FetchFailed => Facts.GetValueOrDefault("fetch") == "failed";

    /// <summary>Why the sources could not be obtained ("could not obtain sources of X: ..."), or null.</summary>
    public string? FetchError => FetchFailed ? Facts.GetValueOrDefault("fetch_error") ?? $"could not obtain sources of {Name}" : null;

    /// <summary>The Debian version of the source package built (e.g. <c>1:1.2.13.dfsg-1</c>), or null before the fetch.</summary>
    public string? SourceVersion => Facts.GetValueOrDefault("source_version");

    /// <summary>The build succeeded.</summary>
    public bool Built => Facts.GetValueOrDefault("build") == "ok";

    /// <summary>Tests that passed.</summary>
    public int TestsPassed => Number("tests_passed");

    /// <summary>Tests that failed.</summary>
    public int TestsFailed => Number("tests_failed");

    /// <summary>Wall time of the tests alone, in seconds (the script's <c>test_seconds</c>); null when they did not run.</summary>
    public double? TestSeconds =>
        double.TryParse(Facts.GetValueOrDefault("test_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;

    /// <summary>The same program built with plain cc and tested unchecked (<c>liballocs real --compare</c>), or null.</summary>
    public ProgramResult? Plain { get; init; }

    /// <summary>How many times longer the tests took checked than plain; null without both times.</summary>
    public double? Slowdown => TestSeconds is double t && Plain?.TestSeconds is double p && p > 0 ? t / p : null;

    /// <summary>Built, ran at least one test, none failed, the script ended well, at least one checked process
    /// wrote its summary (the checker really ran) and no finding fails (every report is suppressed by known.supp).</summary>
    public bool Succeeded => Built && ExitCode == 0 && TestsPassed > 0 && TestsFailed == 0 && Reports.Log.Processes > 0
        && Reports.Failing == 0;

    /// <summary>Parses a <c>result</c> file's lines; lines without '=' are ignored.</summary>
    public static Dictionary<string, string> ParseFacts(IEnumerable<string> lines)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                facts[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return facts;
    }

    private int Number(string key) =>
        int.TryParse(Facts.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
