// What a report format provides: the text of a report, of the exit summary and of a note.
namespace Liballocs.Checks.Reports;

/// <summary>One output format (text or JSON Lines). Each result ends with a newline.</summary>
public interface IReportFormatter
{
    /// <summary>One report.</summary>
    string Format(BadCastReport report);

    /// <summary>One report of heap metadata the program overwrote.</summary>
    string FormatDamage(HeapDamageReport report);

    /// <summary>The exit summary.</summary>
    string FormatSummary(CheckSummary summary);

    /// <summary>A note about a run-time decision (verbosity).</summary>
    string FormatNote(string message);
}
