// Running the real compiler.
using System.ComponentModel;
using System.Diagnostics;

namespace Liballocs.Instrument.Driver;

/// <summary>Runs the real compiler with the terminal's standard streams.</summary>
internal static class RealCompiler
{
    /// <summary>Exit status when the compiler cannot be started, as a shell reports a missing command.</summary>
    public const int NotFound = 127;

    /// <summary>
    /// Runs <paramref name="command"/> as <see cref="Run"/> does but keeps what it prints: its exit status (or <see cref="NotFound"/>,
    /// with the reason as <paramref name="stderr"/>), standard output (as bytes) and standard error.
    /// </summary>
    public static int RunCapturing(IReadOnlyList<string> command, out byte[] stdout, out string stderr)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start) ?? throw new Win32Exception("no process was started");
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var bytes = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(bytes);   // bytes: `-S -o -` or `-c -o -` write output there
            process.WaitForExit();
            stdout = bytes.ToArray();
            stderr = errors.Result;
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            stdout = [];
            stderr = $"allocscc: error: cannot run the compiler '{command[0]}': {e.Message} (set ALLOCSCC_CC to choose another)\n";
            return NotFound;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> (program, then arguments; no shell) and returns its exit
    /// status; <see cref="NotFound"/> with a message on <paramref name="error"/> when it cannot start.
    /// </summary>
    public static int Run(IReadOnlyList<string> command, TextWriter error)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start) ?? throw new Win32Exception("no process was started");
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            error.WriteLine($"allocscc: error: cannot run the compiler '{command[0]}': {e.Message} (set ALLOCSCC_CC to choose another)");
            return NotFound;
        }
    }
}
