// Binary operators the instrumenter distinguishes.
namespace Liballocs.Instrument.Syntax;

/// <summary>The binary operators the instrumenter cares about.</summary>
internal enum BinaryOperatorKind
{
    /// <summary>Not a binary operator, or one the instrumenter ignores.</summary>
    Other,
    /// <summary><c>a * b</c>.</summary>
    Multiply,
    /// <summary><c>a + b</c>.</summary>
    Add,
    /// <summary><c>a / b</c>.</summary>
    Divide,
    /// <summary><c>a = b</c>.</summary>
    Assign,
    /// <summary><c>a, b</c>.</summary>
    Comma,
}
