// The kinds of preprocessing token in a macro body.
namespace Liballocs.Instrument.Checks;

/// <summary>What a <see cref="MacroBodyToken"/> is.</summary>
internal enum MacroBodyTokenKind
{
    /// <summary>An identifier or keyword.</summary>
    Identifier,
    /// <summary>A preprocessing number (<c>12</c>, <c>0x1fUL</c>, <c>1.5e-3</c>).</summary>
    Number,
    /// <summary>A character constant (<c>'a'</c>, <c>L'a'</c>).</summary>
    Character,
    /// <summary>A string literal (<c>"a"</c>, <c>u8"a"</c>).</summary>
    String,
    /// <summary>An operator or punctuator (<c>-&gt;</c>, <c>(</c>, <c>##</c>).</summary>
    Punctuator,
}
