// A place in source: file, line, column and enclosing function.
namespace Liballocs.Checks.Reports;

/// <summary>A place in source: file, 1-based line and column (0 when unknown), enclosing function.</summary>
public sealed record SourceLocation(string? File, uint Line, uint Column, string? Function)
{
    /// <summary>"file:line:col" (parts that are unknown left out).</summary>
    public string FileLineColumn =>
        (File ?? "<unknown>") + (Line > 0 ? $":{Line}" + (Column > 0 ? $":{Column}" : "") : "");
}
