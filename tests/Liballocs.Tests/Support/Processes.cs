// Running external programs (compilers, built test programs) from tests, through the CLI's process runner.
using Liballocs.Cli;

namespace Liballocs.Tests.Support;

/// <summary>Runs a program to completion with a time limit.</summary>
public static class Processes
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>
    /// (default: the current directory), with extra environment variables (a null value removes one); kills it and throws <see cref="TimeoutException"/> after <paramref name="timeoutSeconds"/>.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, int timeoutSeconds = 120)
    {
        var run = ProcessRunner.Run(file, args, workingDirectory ?? Environment.CurrentDirectory, environment, timeoutSeconds);
        if (run.TimedOut)
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        return run;
    }

    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string TempDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
