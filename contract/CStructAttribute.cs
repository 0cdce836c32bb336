// The one hand-written type of Liballocs.Contract: the mark of a C# mirror of a structure the headers define.
namespace Liballocs.Contract;

/// <summary>Marks a C# mirror of a structure of the contract's headers, e.g. <c>[CStruct("struct uniqtype")]</c>: each field,
/// named as in C, must lie at the offset in bytes and have the size the C compiler gives it, and the mirror must have the
/// structure's size (tests/Liballocs.Tests/Runtime/ContractTests.cs asks gcc for every one).</summary>
/// <param name="cType">The structure's C type, <c>struct tag</c>.</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class CStructAttribute(string cType) : Attribute
{
    /// <summary>The structure's C type, <c>struct tag</c>.</summary>
    public string CType { get; } = cType;
}
