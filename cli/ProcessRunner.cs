// Running a program to completion with its output captured or streamed: the CLI's one way of starting processes.
using System.Diagnostics;

namespace Liballocs.Cli;

/// <summary>A finished process: its exit status (-1 when it was killed for running too long) and what it printed.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>It was killed for running too long (<see cref="ExitCode"/> is then -1).</summary>
    public bool TimedOut { get; init; }

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
        using var p = Process.Start(StartInfo(file, args, directory, environment)) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new ProcessOutcome(-1, stdout.Result, stderr.Result + $"\n{file} did not finish in {timeoutSeconds} s") { TimedOut = true };
        }
        return new ProcessOutcome(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs <paramref name="file"/> as <see cref="Run"/> does, with no time limit, handing each line it prints (stdout
    /// and stderr, as they come) to <paramref name="line"/>, one at a time; returns its exit status.</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started.</exception>
    public static int Stream(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string?>? environment,
        Action<string> line)
    {
        var gate = new Lock();
        void Line(string? text)
        {
            if (text is null)
                return;
            lock (gate)
                line(text);
        }
        using var p = Process.Start(StartInfo(file, args, directory, environment)) ?? throw new InvalidOperationException($"cannot start {file}");
        p.OutputDataReceived += (_, e) => Line(e.Data);
        p.ErrorDataReceived += (_, e) => Line(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        return p.ExitCode;
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string?>? environment)
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
        return info;
    }
}
