// The runtime's own way to stderr: file descriptor 2, whatever the program did to fd 0 and 1.
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Liballocs.Runtime;

/// <summary>
/// Writes to file descriptor 2 directly. System.Console is no use inside a C program: its first
/// write initialises the terminal through stdout, and throws when the program has closed fd 1
/// (zlib's minigzip does, through gzclose), which lost reports and the exit summary.
/// </summary>
public static class StandardError
{
    /// <summary>A new unbuffered stream over fd 2 that does not close it.</summary>
    public static Stream Open() => new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>Writes <paramref name="line"/> and a line break in one write; an error writing is ignored (nowhere left to say it).</summary>
    public static void WriteLine(string line)
    {
        try
        {
            using var stream = Open();
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
        }
    }
}
