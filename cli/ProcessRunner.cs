// Running a program to completion with its output captured: the CLI's one way of starting processes it waits for.
using System.Diagnostics;

namespace Liballocs.Cli;

/// <summary>A finished process: its exit status (-1 when it was killed for running too long) and what it printed.</summary>
public sealed record ProcessOutcome(int Exit, string Stdout, string Stderr)
{
    /// <summary>Both streams, stdout first, for messages.</summary>
    public string All => Stdout + Stderr;
}

/// <summary>Runs programs to completion.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="directory"/>, with extra environment
    /// variables (a null value removes one), and waits at most <paramref name="timeoutSeconds"/> seconds: then kills it and
    /// returns exit status -1 with a note on stderr.</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started.</exception>
    public static ProcessOutcome Run(string file, IEnumerable<string> args, string directory,
        IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
                info.Environment.Remove(k);
            else
                info.Environment[k] = v;
        }
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new ProcessOutcome(-1, stdout.Result, stderr.Result + $"\n{file} did not finish in {timeoutSeconds} s");
        }
        return new ProcessOutcome(p.ExitCode, stdout.Result, stderr.Result);
    }
}
