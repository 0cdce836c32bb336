// Which files a `liballocs report` argument names.
namespace Liballocs.Cli.Report;

/// <summary>Turns the paths given to <c>liballocs report</c> into log files.</summary>
public static class ReportInputs
{
    /// <summary>
    /// The log files <paramref name="paths"/> name, each once, in a stable order: a file is itself; a directory gives every file
    /// below it named like a log (<c>NAME.PID</c>, as <c>log_path</c> writes them); any other path is a <c>log_path</c> prefix and
    /// gives the <c>PREFIX.PID</c> files beside it.
    /// </summary>
    /// <exception cref="ReportInputException">A path is an unreadable directory, or names no file at all.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var f in Expand(path))
            {
                if (seen.Add(Path.GetFullPath(f)))
                    files.Add(f);
            }
        }
        return files;
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
            return [path];
        try
        {
            if (Directory.Exists(path))
            {
                return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => HasPidSuffix(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
            }
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var prefix = Path.GetFileName(path) + ".";
            var matches = Directory.Exists(dir) && prefix.Length > 1
                ? Directory.EnumerateFiles(dir, prefix + "*").Where(f => IsPid(Path.GetFileName(f)[prefix.Length..]))
                    .Order(StringComparer.Ordinal).ToList()
                : [];
            if (matches.Count == 0)
                throw new ReportInputException($"{path}: no such file or directory, and no log_path files {path}.PID");
            return matches;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read {path}: {e.Message}");
        }
    }

    // "report.4242": log_path's PATH.PID.
    private static bool HasPidSuffix(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && IsPid(name[(dot + 1)..]);
    }

    private static bool IsPid(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
