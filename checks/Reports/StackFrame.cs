// One symbolised stack frame.
namespace Liballocs.Checks.Reports;

/// <summary>One frame of the stack: its address and what it symbolises to.</summary>
public sealed record StackFrame(nuint Address, string? Function, string? File, uint Line, uint Column, string? Object, ulong ObjectOffset)
{
    /// <summary>True when the frame has a source location.</summary>
    public bool HasSource => File is not null && Line > 0;

    /// <summary>A frame nothing is known of, not even its address (a free whose record the program overwrote).</summary>
    public static StackFrame Unknown { get; } = new(0, null, null, 0, 0, null, 0);
}
