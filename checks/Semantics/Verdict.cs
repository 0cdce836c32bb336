// The answer of a check's semantics over a typed allocation.
namespace Liballocs.Checks.Semantics;

/// <summary>The answer of a check over a typed allocation: whether it holds and, when it does,
/// where else (relative to the allocation's base) the same answer holds.</summary>
public readonly record struct Verdict(bool Holds, FactShape Shape)
{
    /// <summary>The check does not hold.</summary>
    public static Verdict Fails => default;
}
