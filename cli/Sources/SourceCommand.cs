// liballocs source: corpus/real/lib.sh's way of obtaining a program's Debian sources (DebianSources).
using System.CommandLine;

namespace Liballocs.Cli.Sources;

/// <summary>The <c>source</c> subcommand: <c>liballocs source PACKAGE --into DIR [--prefix TEXT]</c>, corpus/real/lib.sh's way of
/// obtaining a program's sources. Prints progress on stdout (each line after the prefix). When no version could be obtained,
/// the reason on stderr and exit status 3 (which the real-program driver tells apart from a failed build or test); when
/// anything else failed (a tool missing, a file not writable), one line on stderr and status 1.</summary>
public static class SourceCommand
{
    /// <summary>Exit status when no version of the package could be obtained.</summary>
    public const int Unavailable = 3;

    /// <summary>Makes the command.</summary>
    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "the Debian source package" };
        var into = new Option<DirectoryInfo>("--into")
        {
            Description = "the cache of downloaded packages: the package goes to DIR/PACKAGE (with a file `version`), and is reused from there",
            Required = true,
        };
        var prefix = new Option<string>("--prefix") { Description = "text put before each progress line", DefaultValueFactory = _ => "" };
        var command = new Command("source",
            "obtain a Debian source package with apt (the newest version that downloads) into a cache kept between runs, saying which versions were tried");
        command.Arguments.Add(package);
        command.Options.Add(into);
        command.Options.Add(prefix);
        command.SetAction(parsed =>
        {
            var before = parsed.GetValue(prefix) ?? "";
            try
            {
                new DebianSources(parsed.GetValue(into)!.FullName, line => Console.WriteLine(before + line)).Fetch(parsed.GetValue(package)!);
                return 0;
            }
            catch (SourceUnavailableException e)
            {
                Console.Error.WriteLine(e.Message);
                return Unavailable;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"liballocs source: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
