// The one writer of reports: formats under a lock, writes whole blocks, flushes before returning.
using System.Text;

namespace Liballocs.Checks.Reports;

/// <summary>
/// Writes reports, notes and the summary to one output (stderr, or the log file) in one format.
/// One lock: reports from different threads never interleave. The output is opened on first
/// use, once per process: <paramref name="processId"/> (getpid) tells a fork's child, which opens its own
/// (<paramref name="open"/> names it by the process); a failure to open it falls back to <paramref name="standardError"/>
/// (a new stream over stderr) with one message.
/// </summary>
public sealed class ReportWriter(IReportFormatter formatter, Func<Stream> open, Func<Stream> standardError, Func<int>? processId = null)
{
    private Lock gate = new();
    private Stream? output;
    private int openedBy;

    /// <summary>The format of this writer's output.</summary>
    public IReportFormatter Formatter => formatter;

    /// <summary>Writes one report.</summary>
    public void Write(BadCastReport report) => Emit(formatter.Format(report));

    /// <summary>Writes one report of heap metadata the program overwrote.</summary>
    public void WriteDamage(HeapDamageReport report) => Emit(formatter.FormatDamage(report));

    /// <summary>Writes the exit summary.</summary>
    public void WriteSummary(CheckSummary summary) => Emit(formatter.FormatSummary(summary));

    /// <summary>Writes a note about a run-time decision.</summary>
    public void WriteNote(string message) => Emit(formatter.FormatNote(message));

    private void Emit(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (gate)
        {
            try
            {
                var pid = processId?.Invoke() ?? 0;
                if (openedBy != pid)
                    output = null;   // the parent's, inherited through a fork: left open (see AfterFork)
                if (output is null)
                {
                    output = Open();
                    openedBy = pid;
                }
                output.Write(bytes);
                output.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nowhere left to say it.
            }
        }
    }

    /// <summary>In a fork's child, at the runtime's first entry there: a lock some other thread of the parent held at the fork
    /// would never be released here, so the child starts with a new one; and the next write opens the child's own output. The
    /// parent's is dropped, not closed: by now the child may have closed the descriptor it inherited and reused its number for a
    /// file of its own (the copy it keeps is close-on-exec).</summary>
    public void AfterFork()
    {
        gate = new Lock();
        output = null;
    }

    private Stream Open()
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var stderr = standardError();
            stderr.Write(Encoding.UTF8.GetBytes($"liballocs: cannot open the log: {e.Message}; reporting on stderr\n"));
            return stderr;
        }
    }
}
