// Finding identities that survive rebuilds, other runs and edits elsewhere in the file.
using System.Security.Cryptography;
using System.Text;

namespace Liballocs.Cli.Report;

/// <summary>
/// Gives each finding a fingerprint (SARIF <c>partialFingerprints</c>, key <see cref="Key"/>) that stays the same across runs
/// and rebuilds of unchanged code: it hashes the report kind, check, types, the cast's file (relative to the source root) and
/// function, the allocation site's file and function, and the text of the cast's source line with its whitespace collapsed.
/// Line and column numbers and addresses stay out, so lines inserted above the cast keep it. Findings alike in all of these
/// (one line repeated in one function) are told apart by their order in the file.
/// </summary>
public static class Fingerprints
{
    /// <summary>The name of the fingerprint in SARIF's <c>partialFingerprints</c>.</summary>
    public const string Key = "liballocsFinding/v1";

    /// <summary>Sets <see cref="Finding.Fingerprint"/> of every finding; <paramref name="sourceRoot"/> is the directory paths are
    /// made relative to and relative paths are read from.</summary>
    public static void Assign(IEnumerable<Finding> findings, SourceRoot sourceRoot)
    {
        var lines = new SourceLines(sourceRoot);
        var groups = findings.GroupBy(f => Basis(f.Key, sourceRoot, lines), StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var i = 0;
            foreach (var f in g.OrderBy(f => f.Key.Cast.Line).ThenBy(f => f.Key.Cast.Column))
                f.Fingerprint = Hash($"{g.Key}\u001f{i++}");
        }
    }

    private static string Basis(FindingKey k, SourceRoot root, SourceLines lines) => string.Join('\u001f',
        k.Kind, k.Check, k.ExpectedType, k.AllocationType ?? "", root.Relative(k.Cast.File) ?? "", k.Cast.Function ?? "",
        root.Relative(k.AllocationSite?.File) ?? "", k.AllocationSite?.Function ?? "", lines.Normalized(k.Cast));

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..32];

    // Source lines by file, read once each; a file that cannot be read gives empty lines.
    private sealed class SourceLines(SourceRoot root)
    {
        private readonly Dictionary<string, string[]> files = new(StringComparer.Ordinal);

        public string Normalized(SourcePlace p)
        {
            if (p.File is null || p.Line <= 0)
                return "";
            if (!files.TryGetValue(p.File, out var text))
            {
                try
                {
                    text = File.ReadAllLines(root.Resolve(p.File));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    text = [];
                }
                files[p.File] = text;
            }
            return p.Line <= text.Length ? string.Join(' ', text[p.Line - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "";
        }
    }
}

/// <summary>The directory findings' paths are given relative to (<c>--source-root</c>).</summary>
/// <param name="Directory">An absolute path without a trailing separator.</param>
public sealed record SourceRoot(string Directory)
{
    /// <summary>The root at <paramref name="path"/>, made absolute.</summary>
    public static SourceRoot At(string path) => new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    /// <summary><paramref name="file"/> relative to the root with '/' separators when it lies below it; otherwise as given
    /// (absolute, or relative to where it was compiled); null for null.</summary>
    public string? Relative(string? file)
    {
        if (file is null || !Path.IsPathRooted(file))
            return file;
        var full = Path.GetFullPath(file);
        var prefix = Directory.EndsWith('/') ? Directory : Directory + "/";
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : full;
    }

    /// <summary>Where to read <paramref name="file"/>: itself when absolute, else below the root.</summary>
    public string Resolve(string file) => Path.IsPathRooted(file) ? file : Path.Combine(Directory, file);
}
