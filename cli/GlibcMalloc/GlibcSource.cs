// Debian's glibc source package, fetched as corpus/real's are (DebianSources: every version apt lists, newest first; a
// deb-src entry added when missing) and unpacked once per version.
using Liballocs.Cli.Sources;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>An unpacked upstream glibc tree and the Debian version it came from.</summary>
public sealed record GlibcTree(string Version, string Root);

/// <summary>Obtains glibc sources.</summary>
public static class GlibcSource
{
    /// <summary>Downloads Debian's <c>glibc</c> source package into <paramref name="cacheDir"/> (kept between runs) and
    /// unpacks its upstream tarball under it. <paramref name="suite"/> null means the apt sources of this machine and the
    /// installed libc6's version (or, when that does not download, the newest listed); a suite name ("trixie") reads that suite's source index from deb.debian.org through a
    /// private apt configuration, leaving the machine's own lists alone. Returns null after saying why on stderr.</summary>
    public static GlibcTree? Obtain(string cacheDir, string? suite, Action<string> progress)
    {
        Directory.CreateDirectory(cacheDir);
        var sources = new DebianSources(cacheDir, line => progress("glibc-malloc: " + line),
            suite is null ? null : new Dictionary<string, string?> { ["APT_CONFIG"] = PrivateAptConfig(cacheDir, suite) });
        try
        {
            if (suite is null)
                FetchInstalled(sources, progress);
            else
            {
                // A private suite's index is read first (Fetch refreshes only on a miss, and only as root).
                if (sources.Cached("glibc") is null)
                    sources.RefreshLists();
                sources.Fetch("glibc");
            }
        }
        catch (Exception e) when (e is SourceUnavailableException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"glibc-malloc: {e.Message}");
            return null;
        }
        var package = Path.Combine(cacheDir, "glibc");
        var version = File.ReadAllText(Path.Combine(package, "version")).Trim();
        var tarball = Directory.EnumerateFiles(package, "glibc_*.orig.tar.*").FirstOrDefault(f => !f.EndsWith(".asc", StringComparison.Ordinal));
        if (tarball is null)
        {
            Console.Error.WriteLine($"glibc-malloc: no upstream tarball in {package}");
            return null;
        }
        var unpacked = Path.Combine(cacheDir, "tree");
        var stamp = Path.Combine(unpacked, ".version");
        if (!File.Exists(stamp) || File.ReadAllText(stamp) != version)
        {
            progress($"glibc-malloc: unpacking {Path.GetFileName(tarball)}");
            if (Directory.Exists(unpacked))
                Directory.Delete(unpacked, recursive: true);
            Directory.CreateDirectory(unpacked);
            var tar = ProcessRunner.Run("tar", ["-xf", tarball, "-C", unpacked, "--strip-components=1"], Environment.CurrentDirectory,
                timeoutSeconds: 1800);
            if (tar.ExitCode != 0)
            {
                Console.Error.WriteLine($"glibc-malloc: could not unpack {tarball}: {tar.Stderr.Trim()}");
                return null;
            }
            File.WriteAllText(stamp, version);
        }
        return new GlibcTree(version, unpacked);
    }

    // The installed libc6's own version first (the allocator then is the very one the system runs); when that does not
    // download, the newest version apt lists that does.
    private static void FetchInstalled(DebianSources sources, Action<string> progress)
    {
        // The source package's version (a binNMU's binary version has none); the first line, as on a multiarch machine
        // each architecture's libc6 prints one.
        var query = ProcessRunner.Run("dpkg-query", ["-W", "-f=${source:Version}\n", "libc6"], Environment.CurrentDirectory);
        var installed = query.ExitCode == 0 ? query.Stdout.Split('\n')[0].Trim() : "";
        if (installed.Length > 0)
        {
            if (sources.Cached("glibc") == installed)
            {
                progress($"glibc-malloc: sources of glibc {installed}, the installed version (cached)");
                return;
            }
            sources.EnableDebSrc();
            if (sources.FetchVersion("glibc", installed) is not { } error)
            {
                progress($"glibc-malloc: sources of glibc {installed}, the installed version");
                return;
            }
            progress($"glibc-malloc: the installed version {installed} did not download ({error}): taking the newest apt lists");
            sources.Forget("glibc");   // another version cached earlier: the newest listed is wanted
        }
        sources.Fetch("glibc");
    }

    // apt reads APT_CONFIG's file after its defaults: this one points the source list, the lists and the cache at
    // private files, so another suite's index never mixes with the machine's.
    private static string PrivateAptConfig(string cacheDir, string suite)
    {
        var apt = Path.Combine(cacheDir, "apt");
        Directory.CreateDirectory(Path.Combine(apt, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(apt, "cache", "archives", "partial"));
        var sources = Path.Combine(apt, "sources.list");
        File.WriteAllText(sources, $"deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {suite} main\n");
        var config = Path.Combine(apt, "apt.conf");
        File.WriteAllText(config,
            $"Dir::Etc::SourceList \"{sources}\";\n" +
            "Dir::Etc::SourceParts \"/nonexistent\";\n" +
            $"Dir::State::Lists \"{Path.Combine(apt, "lists")}\";\n" +
            $"Dir::Cache \"{Path.Combine(apt, "cache")}\";\n");
        return config;
    }
}
