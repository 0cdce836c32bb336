// Debian's glibc source package, fetched with corpus/real's fallback (real_fetch: every version apt lists, newest first;
// a deb-src entry added when missing) and unpacked once per version.

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
    public static GlibcTree? Obtain(string repo, string cacheDir, string? suite, Action<string> progress)
    {
        Directory.CreateDirectory(cacheDir);
        var environment = new Dictionary<string, string?>
        {
            ["REAL_SOURCES"] = cacheDir,
            ["REAL_NAME"] = "glibc-malloc",
            ["REAL_RESULT"] = "/dev/null",
        };
        if (suite is not null)
            environment["APT_CONFIG"] = PrivateAptConfig(cacheDir, suite);
        // The download may take minutes: no time limit worth having but CI's own.
        var fetch = ProcessRunner.Run("bash", ["-c", suite is null ? FetchInstalled : FetchSuite, "glibc-malloc", Path.Combine(repo, "corpus", "real", "lib.sh")],
            Environment.CurrentDirectory, environment, timeoutSeconds: 3 * 3600);
        foreach (var line in fetch.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            progress(line.Replace("real: glibc-malloc: ", "glibc-malloc: ", StringComparison.Ordinal));
        if (fetch.ExitCode != 0)
        {
            Console.Error.Write(fetch.Stderr.Replace("real: glibc-malloc: ", "glibc-malloc: ", StringComparison.Ordinal));
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
    // download, corpus/real's fallback: the newest version apt lists that does.
    private const string FetchInstalled = """
        . "$1" || exit 1
        installed=$(dpkg-query -W -f='${Version}' libc6 2>/dev/null) || installed=""
        if [ -n "$installed" ]; then
            if [ "$(cat "$REAL_SOURCES/glibc/version" 2>/dev/null)" = "$installed" ]; then
                echo "real: glibc-malloc: sources of glibc $installed, the installed version (cached)"
                exit 0
            fi
            real_enable_deb_src || true
            if error=$(real_fetch_version glibc "$installed" "$REAL_SOURCES/glibc.new"); then
                rm -rf "$REAL_SOURCES/glibc" && mv "$REAL_SOURCES/glibc.new" "$REAL_SOURCES/glibc"
                echo "real: glibc-malloc: sources of glibc $installed, the installed version"
                exit 0
            fi
            echo "real: glibc-malloc: the installed version $installed did not download ($error): taking the newest apt lists"
            rm -rf "$REAL_SOURCES/glibc"
        fi
        real_fetch glibc
        """;

    // A private suite's index is read first (corpus/real's fetch refreshes only the machine's lists on a miss).
    private const string FetchSuite = """
        . "$1" || exit 1
        [ -f "$REAL_SOURCES/glibc/version" ] || apt-get update -qq > /dev/null 2>&1 || true
        real_fetch glibc
        """;

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
