// The one writer of reports: formats under a lock, writes whole blocks, flushes before returning.
using System.Text;

namespace Liballocs.Checks.Reports;

/// <summary>
/// Writes reports, notes and the summary to one output (stderr, or the log file) in one format.
/// One lock: reports from different threads never interleave. The output is opened on first
/// use, once; a failure to open it falls back to stderr with one message.
/// </summary>
public sealed class ReportWriter(IReportFormatter formatter, Func<Stream> open)
{
    private readonly Lock gate = new();
    private Stream? output;

    /// <summary>The format of this writer's output.</summary>
    public IReportFormatter Formatter => formatter;

    /// <summary>Writes one report.</summary>
    public void Write(BadCastReport report) => Emit(formatter.Format(report));

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
                output ??= Open();
                output.Write(bytes);
                output.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nowhere left to say it.
            }
        }
    }

    private Stream Open()
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var stderr = Runtime.StandardError.Open();
            stderr.Write(Encoding.UTF8.GetBytes($"liballocs: cannot open the log: {e.Message}; reporting on stderr\n"));
            return stderr;
        }
    }
}
