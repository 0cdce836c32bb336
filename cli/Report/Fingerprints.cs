// Finding identities that survive rebuilds, other runs and edits elsewhere in the file.
using System.Security.Cryptography;
using System.Text;

namespace Liballocs.Cli.Report;

/// <summary>
/// Gives each finding a fingerprint (SARIF <c>partialFingerprints</c>, key <see cref="Key"/>) that stays the same across runs
/// and rebuilds of unchanged code: it hashes the report kind, check, types, the cast's file (relative to the source root),
/// function and source line text (whitespace collapsed), and the same three of the allocation site. Line and column numbers and
/// addresses stay out, so lines inserted above the cast keep it. Findings alike in all of these (one line repeated in one
/// function) are told apart by their order in the source.
/// </summary>
public static class Fingerprints
{
    /// <summary>The name of the fingerprint in SARIF's <c>partialFingerprints</c>.</summary>
    public const string Key = "liballocsFinding/v1";

    /// <summary>Sets <see cref="Finding.Fingerprint"/> of every finding; <paramref name="sourceRoot"/> is the directory paths are
    /// made relative to and source lines read from. Returns the source files that could not be read (their findings' fingerprints
    /// go without the line text, so edits around the cast may change them).</summary>
    public static IReadOnlyCollection<string> Assign(IEnumerable<Finding> findings, SourceRoot sourceRoot)
    {
        var lines = new SourceLines(sourceRoot);
        var groups = findings.GroupBy(f => Basis(f.Key, sourceRoot, lines), StringComparer.Ordinal);
        foreach (var g in groups)
        {
            // Alike in everything hashed: numbered in source order, which no log order changes.
            var i = 0;
            foreach (var f in g.OrderBy(f => f.Key.Cast.Line).ThenBy(f => f.Key.Cast.Column)
                         .ThenBy(f => f.Key.AllocationSite?.Line ?? 0).ThenBy(f => f.Key.AllocationSite?.Column ?? 0))
                f.Fingerprint = Hash($"{g.Key}\u001f{i++}");
        }
        return lines.Unreadable;
    }

    private static string Basis(FindingKey k, SourceRoot root, SourceLines lines) => string.Join('\u001f',
        k.Kind, k.Check, k.ExpectedType, k.AllocationElementType ?? "", root.Relative(k.Cast.File) ?? "", k.Cast.Function ?? "",
        lines.Normalized(k.Cast), root.Relative(k.AllocationSite?.File) ?? "", k.AllocationSite?.Function ?? "",
        k.AllocationSite is { } site ? lines.Normalized(site) : "");

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..32];

    // Source lines by file, read once each; a file that cannot be read gives empty lines.
    private sealed class SourceLines(SourceRoot root)
    {
        private readonly Dictionary<string, string[]> files = new(StringComparer.Ordinal);

        public SortedSet<string> Unreadable { get; } = new(StringComparer.Ordinal);

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
                    Unreadable.Add(p.File);
                }
                files[p.File] = text;
            }
            return p.Line <= text.Length ? string.Join(' ', text[p.Line - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "";
        }
    }
}
