// `liballocs report`: the reports of a whole test suite as one CI verdict.
using System.CommandLine;
using Liballocs.Checks.Suppressions;

namespace Liballocs.Cli.Report;

/// <summary>
/// The <c>report</c> command: reads JSON Lines report logs (files, directories, <c>log_path</c> prefixes), merges them across
/// processes, applies suppressions and a baseline, prints a text summary and writes SARIF, JUnit and JSON on request.
/// Exit status: 0 when no finding fails the run, 1 when one does, 2 on unusable input (an unreadable path, logs of no process at
/// all, a log of a newer format, a text log, a malformed suppressions file or baseline, an output that cannot be written).
/// </summary>
public static class ReportCommand
{
    /// <summary>The command, ready to add to the root.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("logs")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "report logs: files, directories (every NAME.PID below), or log_path prefixes (PREFIX.PID beside them)",
        };
        var sarif = new Option<string?>("--sarif") { Description = "write the findings as SARIF 2.1.0 to FILE", HelpName = "FILE" };
        var junit = new Option<string?>("--junit") { Description = "write the findings as JUnit XML to FILE (one test case each)", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "write the findings as JSON to FILE (usable as a baseline)", HelpName = "FILE" };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "fail only on findings not in FILE (an earlier --sarif or --json output); name the ones that disappeared",
            HelpName = "FILE",
        };
        var suppressions = new Option<string[]>("--suppressions")
        {
            Description = "suppression rules (the format of LIBALLOCS_OPTIONS=suppressions); may be given more than once",
            HelpName = "FILE",
        };
        var sourceRoot = new Option<string?>("--source-root")
        {
            Description = "directory source paths are made relative to in the outputs, and read from for fingerprints (default: the current directory)",
            HelpName = "DIR",
        };
        var quiet = new Option<bool>("--quiet") { Description = "print only the verdict line, not every finding" };
        var command = new Command("report",
            "merge the JSON report logs of any number of processes into one verdict: a summary, SARIF, JUnit; exit 0 when no finding "
            + "fails, 1 when one does, 2 on unusable input")
        {
            paths, sarif, junit, json, baseline, suppressions, sourceRoot, quiet,
        };
        command.SetAction(parsed => Run(new ReportRequest(parsed.GetValue(paths) ?? [], parsed.GetValue(sourceRoot), parsed.GetValue(suppressions) ?? [],
            parsed.GetValue(baseline), parsed.GetValue(sarif), parsed.GetValue(junit), parsed.GetValue(json), parsed.GetValue(quiet)),
            Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs one report; returns the exit status (0, 1, or 2 with a message on <paramref name="error"/>).</summary>
    public static int Run(ReportRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            var rules = new List<(string, SuppressionRules)>();
            foreach (var path in request.Suppressions)
            {
                if (!File.Exists(path))
                    throw new ReportInputException($"cannot read suppressions file {path}: no such file");
                var loaded = SuppressionRules.Load(path);
                if (loaded.Problems.Count > 0)
                    throw new ReportInputException(string.Join("\n", loaded.Problems.Select(p => p.StartsWith("liballocs: ", StringComparison.Ordinal) ? p[11..] : p)));
                rules.Add((path, loaded));
            }
            if (request.Logs.FirstOrDefault(l => l.StartsWith('-') && !File.Exists(l) && !Directory.Exists(l)) is { } option)
                throw new ReportInputException($"unknown option {option} (see liballocs report --help)");
            var baseline = request.Baseline is { } b ? Baseline.Load(b) : null;
            var log = ReportLog.Read(request.Logs);
            // Nothing read is no verdict: a clean process writes its log only with print_summary=1.
            if (log.Processes == 0 && log.ProcessesWithoutSummary == 0)
                throw new ReportInputException($"no process's report read from {string.Join(", ", request.Logs)}: run the tests with "
                    + "LIBALLOCS_OPTIONS=log_path=DIR/report:report_format=json:print_summary=1 (without print_summary=1, a process "
                    + "that met no error writes nothing)");
            var root = SourceRoot.At(request.SourceRoot ?? Directory.GetCurrentDirectory());
            var report = MergedReport.Of(log, rules, root, baseline);
            foreach (var warning in report.Warnings)
                error.WriteLine($"liballocs report: warning: {warning}");
            Write(request.Sarif, s => SarifWriter.Write(s, report));
            Write(request.Junit, s => JunitWriter.Write(s, report));
            Write(request.Json, s => FindingsJson.Write(s, report));
            var text = TextSummary.Format(report);
            output.Write(request.Quiet ? text[(text.TrimEnd('\n').LastIndexOf('\n') + 1)..] : text);
            return report.ExitStatus;
        }
        catch (ReportInputException e)
        {
            error.WriteLine($"liballocs report: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of ours must not read as "findings" (1) to CI: no verdict.
            error.WriteLine($"liballocs report: internal error, no verdict: {e}");
            return 2;
        }
    }

    private static void Write(string? path, Action<Stream> write)
    {
        if (path is null)
            return;
        try
        {
            using var stream = File.Create(path);
            write(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot write {path}: {e.Message}");
        }
    }
}

/// <summary>What one <c>liballocs report</c> run is asked to do.</summary>
/// <param name="Logs">Log files, directories or log_path prefixes (at least one).</param>
/// <param name="SourceRoot">The directory paths are made relative to; null for the current directory.</param>
/// <param name="Suppressions">Suppressions files.</param>
/// <param name="Baseline">An earlier SARIF or JSON output; null for none.</param>
/// <param name="Sarif">Where to write SARIF; null for nowhere.</param>
/// <param name="Junit">Where to write JUnit XML; null for nowhere.</param>
/// <param name="Json">Where to write the findings as JSON; null for nowhere.</param>
/// <param name="Quiet">Print only the verdict line.</param>
public sealed record ReportRequest(IReadOnlyList<string> Logs, string? SourceRoot = null, IReadOnlyList<string>? Suppressions = null,
    string? Baseline = null, string? Sarif = null, string? Junit = null, string? Json = null, bool Quiet = false)
{
    /// <summary>Suppressions files, never null.</summary>
    public IReadOnlyList<string> Suppressions { get; init; } = Suppressions ?? [];
}
