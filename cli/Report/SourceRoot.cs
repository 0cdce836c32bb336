// Where a finding's source files are, relative to the directory the CI job names (--source-root).
namespace Liballocs.Cli.Report;

/// <summary>
/// The directory findings' paths are given relative to (<c>--source-root</c>), and where their source lines are read from.
/// A report names a file as its compiler was given it: absolute, or relative to the directory that compile ran in, which a
/// recursive or out-of-tree build makes another directory than the root. A relative path is taken below the root when it
/// names a file there; otherwise it is looked up by its trailing components (after any leading <c>../</c>) among the files
/// below the root, and taken when exactly one file matches. A path that resolves to no file is left as given, and named once
/// in <see cref="Unresolved"/>.
/// </summary>
public sealed class SourceRoot
{
    private readonly Dictionary<string, string?> resolved = new(StringComparer.Ordinal);
    private readonly SortedSet<string> unresolved = new(StringComparer.Ordinal);
    private ILookup<string, string>? filesByName;

    private SourceRoot(string directory) => Directory = directory;

    /// <summary>The root: an absolute path without a trailing separator.</summary>
    public string Directory { get; }

    /// <summary>The root at <paramref name="path"/>, made absolute.</summary>
    public static SourceRoot At(string path) => new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    /// <summary>Relative paths no file below the root matched, in order (their findings' URIs and fingerprints use them as given).</summary>
    public IReadOnlyCollection<string> Unresolved => unresolved;

    /// <summary><paramref name="file"/> relative to the root with '/' separators when it lies below it; otherwise as given
    /// (absolute, or relative when it resolves to no file below the root); null for null.</summary>
    public string? Relative(string? file)
    {
        if (file is null)
            return null;
        if (Path.IsPathRooted(file))
        {
            var full = Path.GetFullPath(file);
            var prefix = Directory.EndsWith('/') ? Directory : Directory + "/";
            return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : full;
        }
        if (!resolved.TryGetValue(file, out var below))
        {
            resolved[file] = below = Below(file);
            if (below is null)
                unresolved.Add(file);
        }
        return below ?? file;
    }

    /// <summary><paramref name="p"/> with its file relative to the root.</summary>
    public SourcePlace Relative(SourcePlace p) => p with { File = Relative(p.File) };

    /// <summary>Where to read <paramref name="file"/>: itself when absolute, else its file below the root.</summary>
    public string Resolve(string file) => Path.IsPathRooted(file) ? file : Path.Combine(Directory, Relative(file)!);

    // The file below the root a relative path names, relative to the root; null when none or several match.
    private string? Below(string file)
    {
        var normal = Path.GetRelativePath(Directory, Path.GetFullPath(Path.Combine(Directory, file)));
        if (!normal.StartsWith("..", StringComparison.Ordinal) && File.Exists(Path.Combine(Directory, normal)))
            return normal;
        var tail = string.Join('/', file.Split('/').SkipWhile(c => c is ".." or "." or ""));
        if (tail.Length == 0)
            return null;
        filesByName ??= Files().ToLookup(f => Path.GetFileName(f), StringComparer.Ordinal);
        var matches = filesByName[Path.GetFileName(tail)].Where(f => f == tail || f.EndsWith("/" + tail, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The most files below the root a relative path is looked up among: a root that is not a source tree ("/") gives
    /// up rather than walk a whole file system.</summary>
    public const int MostFilesSearched = 200_000;

    // Source files below the root, relative to it; hidden directories (.git) and unreadable ones are skipped.
    private IEnumerable<string> Files()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*", options).Take(MostFilesSearched).Select(f => Path.GetRelativePath(Directory, f))
            : [];
    }
}
