// How an array's length is known.
namespace Liballocs.Instrument.Types;

/// <summary>How an array's element count is known.</summary>
internal enum ArrayLength
{
    /// <summary>A constant count, <c>T[n]</c>.</summary>
    Constant,
    /// <summary>No count: <c>T[]</c>, including flexible array members.</summary>
    Unknown,
    /// <summary>A variable-length array, <c>T[n]</c> with a run-time <c>n</c>.</summary>
    Variable,
}
