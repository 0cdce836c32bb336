// Where a check's answer holds again: the shape of a cache fact, relative to an allocation.
namespace Liballocs.Checks.Semantics;

/// <summary>
/// Where the same answer holds, relative to the allocation's base: offsets <c>Lo + k * Period</c>
/// below <c>Hi</c> (Period 0: <c>Lo</c> only). A subobject found inside array elements is found,
/// by the same path, at the same place in every element, so one shape covers them all.
/// </summary>
public readonly record struct FactShape(ulong Lo, ulong Hi, ulong Period)
{
    /// <summary>The single offset <paramref name="offset"/>.</summary>
    public static FactShape Point(ulong offset) => new(offset, offset + 1, 0);

    /// <summary>True when the shape covers <paramref name="offset"/>.</summary>
    public bool Covers(ulong offset) =>
        offset >= Lo && offset < Hi && (Period == 0 ? offset == Lo : (offset - Lo) % Period == 0);
}
