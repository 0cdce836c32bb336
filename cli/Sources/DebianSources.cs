// Debian source packages for the real-program corpus: which versions apt lists, downloading one into a cache kept between
// runs, and (as root) a deb-src twin of the machine's apt entries when it has none.
using System.Text;

namespace Liballocs.Cli.Sources;

/// <summary>
/// Obtains Debian source packages with apt (<c>apt-cache showsrc</c>, <c>apt-get source --download-only</c>), found on PATH.
/// A package's download lives in <c>CACHE/PACKAGE/</c> (its files and <c>version</c>, the version downloaded) and is reused.
/// </summary>
/// <param name="cache">the directory of downloaded packages (corpus/real's REAL_SOURCES).</param>
/// <param name="say">progress lines (versions tried, the one obtained).</param>
/// <param name="aptEnvironment">environment of every apt command (APT_CONFIG for a private configuration); null: this process's.</param>
public sealed class DebianSources(string cache, Action<string> say, IReadOnlyDictionary<string, string?>? aptEnvironment = null)
{
    /// <summary>The one-line apt list a deb-src twin is derived from, with those of <see cref="AptSourcesDirectory"/>.</summary>
    public const string AptSourcesList = "/etc/apt/sources.list";

    /// <summary>The directory of deb822 and one-line apt lists.</summary>
    public const string AptSourcesDirectory = "/etc/apt/sources.list.d";

    /// <summary>The deb-src twin this class writes (deb822).</summary>
    public static readonly string DebSrcTwin = Path.Combine(AptSourcesDirectory, "liballocs-deb-src.sources");

    /// <summary>Makes <c>CACHE/PACKAGE</c> hold a downloaded version of source package <paramref name="package"/> and returns
    /// that version. Tries every version apt lists, newest first, and takes the first that downloads (a version listed by
    /// one archive, say the security archive, may not be served by it while the main archive still serves an earlier one);
    /// when none downloads, refreshes apt's lists once (as root) and tries again.</summary>
    /// <exception cref="SourceUnavailableException">No version could be downloaded; the message names each version tried and
    /// apt's error for it.</exception>
    public string Fetch(string package)
    {
        if (Cached(package) is { } cached)
        {
            say($"sources of {package} {cached} (cached in {Path.Combine(cache, package)})");
            return cached;
        }
        Directory.CreateDirectory(cache);
        var errors = new List<string>();
        foreach (var refreshed in new[] { false, true })
        {
            errors.Clear();
            var versions = Versions(package);
            // A private configuration (aptEnvironment) lists its own deb-src entries: the machine's lists are left alone.
            if (versions.Count == 0 && aptEnvironment is null && EnableDebSrc())
                versions = Versions(package);
            foreach (var v in versions)
            {
                if (FetchVersion(package, v) is not { } error)
                {
                    say($"sources of {package} {v}{(errors.Count > 0 ? " (newer versions did not download)" : "")}");
                    return v;
                }
                say($"version {v} of {package} did not download: {error}");
                errors.Add($"{v}: {error}");
            }
            if (refreshed || !Environment.IsPrivilegedProcess)
                break;
            RefreshLists();
        }
        throw new SourceUnavailableException($"could not obtain sources of {package}: "
            + (errors.Count > 0 ? string.Join("; ", errors) : $"apt lists no source package named {package} (is there a deb-src entry?)"));
    }

    /// <summary>The version of <paramref name="package"/> in the cache, or null when none was downloaded.</summary>
    public string? Cached(string package)
    {
        var file = Path.Combine(cache, package, "version");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    /// <summary>Removes <paramref name="package"/>'s download from the cache, if any.</summary>
    public void Forget(string package)
    {
        var dir = Path.Combine(cache, package);
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>Reads apt's package lists again (<c>apt-get update</c>). Its failure is not reported: the query that follows
    /// then finds no version, or an old one that does not download, and says so.</summary>
    public void RefreshLists() => ProcessRunner.Run("apt-get", ["update", "-qq"], Environment.CurrentDirectory, aptEnvironment, timeoutSeconds: 600);

    /// <summary>The versions of source package <paramref name="package"/> that apt lists, newest first (Debian's version
    /// order, as dpkg compares); empty when apt knows no such source package.</summary>
    public IReadOnlyList<string> Versions(string package)
    {
        var listed = ProcessRunner.Run("apt-cache", ["showsrc", package], Environment.CurrentDirectory, aptEnvironment, timeoutSeconds: 120);
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var ours = false;
        foreach (var line in listed.Stdout.Split('\n'))
        {
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
                ours = line["Package: ".Length..].Trim() == package;
            else if (ours && line.StartsWith("Version: ", StringComparison.Ordinal))
                versions.Add(line["Version: ".Length..].Trim());
        }
        var newestFirst = versions.ToList();
        newestFirst.Sort((a, b) => a == b ? 0 : -DpkgCompare(a, b));
        return newestFirst;
    }

    // Debian's version order has epochs, tildes and revisions; dpkg is its reference, so it is asked (a handful of versions).
    // Versions dpkg holds equal ("1.0", "1.0-0"), or cannot compare, keep their ordinal order.
    private static int DpkgCompare(string a, string b)
    {
        bool Holds(string relation) => ProcessRunner.Run("dpkg", ["--compare-versions", a, relation, b], Environment.CurrentDirectory).ExitCode == 0;
        return Holds("gt") ? 1 : Holds("lt") ? -1 : string.CompareOrdinal(a, b);
    }

    /// <summary>Downloads version <paramref name="version"/> of <paramref name="package"/> into <c>CACHE/PACKAGE</c>, replacing
    /// what was there only when it downloaded; returns null, or apt's first error line (then nothing is left of the attempt).</summary>
    public string? FetchVersion(string package, string version)
    {
        Directory.CreateDirectory(cache);
        var dest = Path.Combine(cache, package);
        // Beside the cache, so that the finished download is renamed into place (a temporary directory may be on another file system).
        var tmp = Directory.CreateDirectory(Path.Combine(cache, ".fetch." + Path.GetRandomFileName())).FullName;
        try
        {
            var r = ProcessRunner.Run("apt-get", ["source", "--download-only", "-qq", $"{package}={version}"], tmp, aptEnvironment, timeoutSeconds: 1800);
            if (r.ExitCode != 0)
            {
                var lines = r.All.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return lines.FirstOrDefault(l => l.StartsWith("E: ", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? $"apt-get exited with {r.ExitCode}";
            }
            if (!Directory.EnumerateFiles(tmp, "*.orig.tar.*").Any())
                return "the source package has no upstream tarball (*.orig.tar.*)";
            File.WriteAllText(Path.Combine(tmp, "version"), version + "\n");
            if (Directory.Exists(dest))
                Directory.Delete(dest, recursive: true);
            Directory.Move(tmp, dest);
            return null;
        }
        finally
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>Gives apt a deb-src twin of each Debian entry of this machine (the same URIs, suites and components; deb822
    /// <c>.sources</c> files and one-line <c>sources.list</c> entries alike) in <see cref="DebSrcTwin"/>, so that
    /// <c>apt-get source</c> works, and refreshes apt's lists. Does nothing when a deb-src entry exists already; needs root.
    /// Returns whether it wrote the twin.</summary>
    public bool EnableDebSrc()
    {
        var lists = new List<string>();
        if (File.Exists(AptSourcesList))
            lists.Add(AptSourcesList);
        if (Directory.Exists(AptSourcesDirectory))
            lists.AddRange(Directory.GetFiles(AptSourcesDirectory).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var texts = lists.ToDictionary(f => f, File.ReadAllText);
        if (texts.Values.Any(HasDebSrc))
            return false;
        if (!Environment.IsPrivilegedProcess)
        {
            say("apt has no deb-src entry and this is not root: add a deb-src line for the Debian archive to /etc/apt/sources.list, or run as root");
            return false;
        }
        var twin = new StringBuilder();
        foreach (var (file, text) in texts)
            twin.Append(file.EndsWith(".sources", StringComparison.Ordinal) ? DebSrcOfDeb822(text) : DebSrcOfOneLine(text));
        if (twin.Length == 0)
        {
            say("found no Debian apt entry to derive a deb-src entry from");
            return false;
        }
        File.WriteAllText(DebSrcTwin + ".tmp", twin.ToString());
        File.Move(DebSrcTwin + ".tmp", DebSrcTwin, overwrite: true);
        RefreshLists();
        return true;
    }

    private static bool HasDebSrc(string text) =>
        text.Split('\n').Any(l => l.StartsWith("deb-src ", StringComparison.Ordinal)
            || (l.StartsWith("Types:", StringComparison.Ordinal) && l["Types:".Length..].Split(' ', '\t').Contains("deb-src")));

    /// <summary>The deb822 paragraphs of <paramref name="text"/> whose Types include <c>deb</c>, retyped <c>deb-src</c>
    /// (comment lines dropped); each paragraph ends with a blank line.</summary>
    public static string DebSrcOfDeb822(string text)
    {
        var twin = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n"))
        {
            var lines = paragraph.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var types = lines.FirstOrDefault(l => l.StartsWith("Types:", StringComparison.Ordinal));
            if (types is null || !types["Types:".Length..].Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries).Contains("deb"))
                continue;
            foreach (var l in lines)
                twin.Append(l.StartsWith("Types:", StringComparison.Ordinal) ? "Types: deb-src" : l).Append('\n');
            twin.Append('\n');
        }
        return twin.ToString();
    }

    /// <summary>A deb822 deb-src paragraph for each one-line <c>deb [OPTIONS] URI SUITE COMPONENT...</c> entry of
    /// <paramref name="text"/> (the options are dropped).</summary>
    public static string DebSrcOfOneLine(string text)
    {
        var twin = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("deb ", StringComparison.Ordinal))
                continue;
            var words = line[4..].Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (words.Count > 0 && words[0].StartsWith('['))
            {
                var close = words.FindIndex(w => w.EndsWith(']'));
                words = close < 0 ? [] : words[(close + 1)..];
            }
            if (words.Count < 2)
                continue;
            twin.Append($"Types: deb-src\nURIs: {words[0]}\nSuites: {words[1]}\nComponents:{string.Concat(words.Skip(2).Select(c => " " + c))}\n\n");
        }
        return twin.ToString();
    }
}

/// <summary>No version of a source package could be downloaded.</summary>
public sealed class SourceUnavailableException(string message) : Exception(message);
