// One preprocessing token of a macro body.
namespace Liballocs.Instrument.Checks;

/// <summary>One preprocessing token of a macro body, at bytes [<see cref="Start"/>, <see cref="End"/>) of the file.</summary>
/// <param name="Start">Byte offset of its first character.</param>
/// <param name="End">Byte offset one past its last character.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its spelling.</param>
internal readonly record struct MacroBodyToken(int Start, int End, MacroBodyTokenKind Kind, string Text)
{
    /// <summary>Whether this is the punctuator <paramref name="punctuator"/>.</summary>
    public bool Is(string punctuator) => Kind == MacroBodyTokenKind.Punctuator && Text == punctuator;
}
