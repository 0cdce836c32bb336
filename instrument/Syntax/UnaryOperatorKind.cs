// Unary operators the instrumenter distinguishes.
namespace Liballocs.Instrument.Syntax;

/// <summary>The unary operators the instrumenter cares about.</summary>
internal enum UnaryOperatorKind
{
    /// <summary>Not a unary operator, or one the instrumenter ignores.</summary>
    Other,
    /// <summary><c>&amp;e</c>.</summary>
    AddressOf,
    /// <summary><c>*e</c>.</summary>
    Dereference,
    /// <summary><c>__extension__ e</c>.</summary>
    Extension,
    /// <summary><c>++e</c> or <c>e++</c>.</summary>
    Increment,
    /// <summary><c>--e</c> or <c>e--</c>.</summary>
    Decrement,
}
