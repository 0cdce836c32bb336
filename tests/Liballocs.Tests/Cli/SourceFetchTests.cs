// Source fetching (corpus/real/lib.sh through `liballocs source`, cli/Sources/DebianSources.cs), against a fake apt (apt-get and apt-cache on PATH) whose
// newest listed version answers 404, as the security archive does for source files on some machines.
using System.Runtime.Versioning;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Cli;

[SupportedOSPlatform("linux")] // the scripts are bash, the fakes need the executable bit
public sealed class SourceFetchTests : IDisposable
{
    // apt-cache showsrc: three versions of fakepkg, out of order, one with an epoch, and another package.
    private const string FakeAptCache = """
        #!/bin/sh
        [ "$1" = showsrc ] || { echo "E: fake apt-cache: unexpected $*" >&2; exit 100; }
        [ "$2" = fakepkg ] || exit 0
        cat <<'LIST'
        Package: fakepkg
        Binary: fakepkg-bin
        Version: 1.5-1

        Package: fakepkg
        Version: 1:2.0-1+deb12u1

        Package: otherpkg
        Version: 9:9.9-1

        Package: fakepkg
        Version: 1:2.0-1
        LIST
        """;

    // apt-get source: serves only the versions in $FAKE_APT_SERVES, logging every call to $FAKE_APT_LOG.
    private const string FakeAptGet = """
        #!/bin/sh
        echo "$*" >> "$FAKE_APT_LOG"
        case "$1" in
            update) exit 0 ;;
            source) ;;
            *) echo "E: fake apt-get: unexpected $*" >&2; exit 100 ;;
        esac
        for spec; do :; done
        version=${spec#*=}
        case " $FAKE_APT_SERVES " in
            *" $version "*) ;;
            *) echo "Get:1 http://deb.example fakepkg $version (dsc)"
               echo "E: Failed to fetch http://deb.example/pool/fakepkg_$version.dsc  404  Not Found [IP: 192.0.2.1 80]" >&2
               echo "E: Failed to fetch some archives." >&2
               exit 100 ;;
        esac
        mkdir fakepkg-2.0 && echo "fakepkg $version" > fakepkg-2.0/README
        tar -czf fakepkg_2.0.orig.tar.gz fakepkg-2.0 && rm -r fakepkg-2.0
        touch "fakepkg_$version.dsc"
        """;

    private readonly string _dir = Processes.TempDirectory("source-fetch");

    public SourceFetchTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        foreach (var (name, text) in new[] { ("apt-cache", FakeAptCache), ("apt-get", FakeAptGet) })
        {
            var file = Path.Combine(bin, name);
            File.WriteAllText(file, text + "\n");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string AptLog => Path.Combine(_dir, "apt.log");

    private string Result => File.ReadAllText(Path.Combine(_dir, "work", "plain", "fake", "result"));

    /// <summary>Sources lib.sh and unpacks fakepkg as a program script does, with the fake apt first on PATH.</summary>
    private ProcessResult Unpack(string served) =>
        Processes.Run("bash", ["-c", $". '{Repo.Corpus}/real/lib.sh'; real_begin fake; real_unpack fakepkg; cat \"$REAL_SRC/README\""],
            environment: new Dictionary<string, string?>
            {
                ["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["REAL_WORK"] = Path.Combine(_dir, "work"),
                ["REAL_PLAIN"] = "1",
                ["FAKE_APT_SERVES"] = served,
                ["FAKE_APT_LOG"] = AptLog,
            });

    [Fact]
    public void When_the_newest_version_does_not_download_the_next_newest_is_used_and_recorded()
    {
        var run = Unpack(served: "1:2.0-1 1.5-1");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("fakepkg 1:2.0-1\n", run.Stdout); // the README of the version unpacked
        Assert.Contains("version 1:2.0-1+deb12u1 of fakepkg did not download: E: Failed to fetch http://deb.example/pool/fakepkg_1:2.0-1+deb12u1.dsc  404  Not Found",
            run.Stdout);
        Assert.Contains("sources of fakepkg 1:2.0-1 (newer versions did not download)", run.Stdout);
        Assert.Equal(["source --download-only -qq fakepkg=1:2.0-1+deb12u1", "source --download-only -qq fakepkg=1:2.0-1"],
            File.ReadAllLines(AptLog));
        Assert.Contains("fetch=ok\n", Result);
        Assert.Contains("source_version=1:2.0-1\n", Result);
        Assert.Contains("source=fakepkg_2.0.orig.tar.gz\n", Result);
    }

    [Fact]
    public void Sources_once_downloaded_are_reused_without_asking_apt()
    {
        Assert.Equal(0, Unpack(served: "1:2.0-1").ExitCode);
        File.Delete(AptLog);
        var again = Unpack(served: "");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("fakepkg 1:2.0-1\n", again.Stdout);
        Assert.False(File.Exists(AptLog), "apt-get ran although the sources were cached");
        Assert.Contains("source_version=1:2.0-1\n", Result);
    }

    [Fact]
    public void When_no_version_downloads_the_fetch_fails_apart_from_the_build_naming_every_version_tried()
    {
        var run = Unpack(served: "");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("could not obtain sources of fakepkg: 1:2.0-1+deb12u1: E: Failed to fetch", run.Stderr);
        Assert.Contains("fetch=failed\n", Result);
        var error = Result.Split('\n').Single(l => l.StartsWith("fetch_error=", StringComparison.Ordinal));
        Assert.StartsWith("fetch_error=could not obtain sources of fakepkg: 1:2.0-1+deb12u1: E: ", error);
        Assert.Contains("; 1:2.0-1: E: Failed to fetch", error);
        Assert.Contains("; 1.5-1: E: Failed to fetch", error);
        Assert.DoesNotContain("9.9", error); // another source package's version is never tried
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dir, "work", "sources"))); // no partial download left
    }

    [Fact]
    public void A_deb_src_twin_of_deb822_entries_keeps_their_fields_and_drops_comments_and_other_types()
    {
        var twin = Liballocs.Cli.Sources.DebianSources.DebSrcOfDeb822("""
            # the main archive
            Types: deb
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb-src
            URIs: http://src.example/debian
            Suites: bookworm
            Components: main

            Types: debian-installer
            URIs: http://other.example
            """.Replace("\r\n", "\n"));
        Assert.Equal("Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n"
            + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n", twin);
    }

    [Fact]
    public void A_deb_src_twin_of_one_line_entries_has_their_uri_suite_and_components_without_options()
    {
        var twin = Liballocs.Cli.Sources.DebianSources.DebSrcOfOneLine(
            "deb [arch=amd64 signed-by=/k.gpg] http://deb.example/debian bookworm main contrib\n# deb http://commented bookworm main\n"
            + "deb-src http://already bookworm main\ndeb http://security.example bookworm-security main\n");
        Assert.Equal("Types: deb-src\nURIs: http://deb.example/debian\nSuites: bookworm\nComponents: main contrib\n\n"
            + "Types: deb-src\nURIs: http://security.example\nSuites: bookworm-security\nComponents: main\n\n", twin);
    }
}
