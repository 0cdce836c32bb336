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
        using var p = Start(file, args, directory, environment);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            // An orphaned grandchild the kill missed may hold the pipes open: what was read within a few seconds is all.
            Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10));
            return new ProcessOutcome(-1, Finished(stdout), Finished(stderr) + $"\n{file} did not finish in {timeoutSeconds} s") { TimedOut = true };
        }
        return new ProcessOutcome(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Finished(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : "";

    /// <summary>Runs <paramref name="file"/> as <see cref="Run"/> does, handing each line it prints (stdout and stderr, as they
    /// come) to <paramref name="line"/>, one at a time, on the runner's threads; returns its exit status, or -1 when it ran
    /// longer than <paramref name="timeoutSeconds"/> (0: no limit) and was killed. An exception thrown by
    /// <paramref name="line"/> stops the lines and is rethrown here, once the process has ended.</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started.</exception>
    public static int Stream(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string?>? environment,
        Action<string> line, int timeoutSeconds = 0)
    {
        var gate = new Lock();
        Exception? failed = null;
        void Line(string? text)
        {
            if (text is null)
                return;
            lock (gate)
            {
                if (failed is not null)
                    return;
                try
                {
                    line(text);
                }
                catch (Exception e)
                {
                    failed = e;   // thrown on a reader thread it would end the process: kept for the caller
                }
            }
        }
        using var p = Start(file, args, directory, environment);
        p.OutputDataReceived += (_, e) => Line(e.Data);
        p.ErrorDataReceived += (_, e) => Line(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var exit = -1;
        if (p.WaitForExit(timeoutSeconds > 0 ? timeoutSeconds * 1000 : Timeout.Infinite))
        {
            p.WaitForExit();   // the last lines
            exit = p.ExitCode;
        }
        else
        {
            p.Kill(entireProcessTree: true);
            Line($"{file} did not finish in {timeoutSeconds} s");
        }
        lock (gate)
        {
            if (failed is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
        }
        return exit;
    }

    // A program that is not installed (or not executable) is one clear message, not the runtime's Win32Exception.
    private static Process Start(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string?>? environment)
    {
        try
        {
            return Process.Start(StartInfo(file, args, directory, environment)) ?? throw new InvalidOperationException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {file}: {e.Message}", e);
        }
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
