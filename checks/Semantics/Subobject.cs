// A subobject found by the search.
namespace Liballocs.Checks.Semantics;

/// <summary>A subobject starting at the searched offset: its type (a <c>struct uniqtype *</c>)
/// and the offsets at which the same path finds the same type.</summary>
public readonly record struct Subobject(nint Type, FactShape Shape);
