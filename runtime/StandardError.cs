// The runtime's own way to stderr: write(2) on file descriptor 2, whatever the program did to fd 0 and 1.
using System.Runtime.InteropServices;
using System.Text;

namespace Liballocs.Runtime;

/// <summary>
/// Writes to file descriptor 2 with write(2). System.Console is no use inside a C program: its first
/// write initialises the terminal through stdout, and throws when the program has closed fd 0 and 1
/// (zlib's minigzip does, through fclose and gzclose), which lost reports and the exit summary. A
/// FileStream will not do either: over a regular file (<c>prog 2&gt;log</c>) it writes at its own
/// offset with pwrite, over what the program writes to stderr meanwhile.
/// </summary>
public static partial class StandardError
{
    /// <summary>A new unbuffered stream over fd 2 that does not close it.</summary>
    public static Stream Open() => new DescriptorStream(2, owned: false);

    /// <summary>A new unbuffered stream that appends to the file at <paramref name="path"/> (created with mode 0644 when
    /// missing), with O_APPEND: every write lands at the end whoever else appends (an exec'd image of the same process, a
    /// program writing there too). The stream closes the file. Throws <see cref="IOException"/> when it cannot be opened.</summary>
    public static Stream OpenAppending(string path)
    {
        const int O_WRONLY = 1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000;
        var fd = OpenFile(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0x1a4);
        if (fd < 0)
            throw new IOException($"{path}: cannot open (errno {Marshal.GetLastPInvokeError()})");
        return new DescriptorStream(fd, owned: true);
    }

    /// <summary>Writes <paramref name="line"/> and a line break in one write; an error writing is ignored (nowhere left to say it).</summary>
    public static void WriteLine(string line)
    {
        try
        {
            using var stream = Open();
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (IOException)
        {
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags, int mode);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int CloseFile(int fd);

    /// <summary>A write-only stream over a file descriptor (closed on dispose when <paramref name="owned"/>), writing with
    /// write(2) so the descriptor's own offset (and O_APPEND) apply; retries interrupted and partial writes.</summary>
    private sealed class DescriptorStream(int fd, bool owned) : Stream
    {
        private int closed;

        protected override void Dispose(bool disposing)
        {
            if (owned && Interlocked.Exchange(ref closed, 1) == 0)
                _ = CloseFile(fd);
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override unsafe void Write(ReadOnlySpan<byte> buffer)
        {
            const int EINTR = 4, EAGAIN = 11;
            fixed (byte* start = buffer)
            {
                var done = 0;
                var waits = 0;
                while (done < buffer.Length)
                {
                    var n = StandardError.Write(fd, start + done, (nuint)(buffer.Length - done));
                    if (n > 0)
                    {
                        done += (int)n;
                        continue;
                    }
                    var errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                    if (errno == EINTR)
                        continue;
                    if (errno == EAGAIN && waits++ < 1000)
                    {
                        Thread.Sleep(1);   // a non-blocking descriptor that is full: let the reader catch up
                        continue;
                    }
                    throw new IOException(n == 0 ? $"write to file descriptor {fd} wrote nothing"
                        : $"write to file descriptor {fd} failed (errno {errno})");
                }
            }
        }
    }
}
