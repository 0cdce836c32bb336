// A piece of text to insert into the original source.
namespace Liballocs.Instrument.Emit;

/// <summary>
/// Text to insert into the original source at a byte offset, possibly in place of some original
/// bytes. Insertions at the same offset are applied by ascending <see cref="Order"/>, then in the
/// order they were made.
/// </summary>
/// <param name="Offset">0-based byte offset in the original file; the text goes before the byte there.</param>
/// <param name="Order">Tie-breaker at one offset: frame marks (<see cref="int.MinValue"/>), closing a wrapped call (-depth), then records
/// (0), then opening calls (depth), then replacements (<see cref="int.MaxValue"/>), which come last so that text wrapping the replaced
/// bytes goes before them.</param>
/// <param name="Text">The text; never contains a line break, so line numbers stay as they were, unless it is <paramref name="Directives"/>.</param>
/// <param name="Replaces">How many original bytes from <paramref name="Offset"/> the text replaces (0: a pure insertion); they must hold no
/// line break either.</param>
/// <param name="Directives">Whole preprocessor lines inserted at the start of a line, the last a <c>#line</c> that gives the next line its
/// original number.</param>
internal sealed record SourceInsertion(int Offset, int Order, string Text, int Replaces = 0, bool Directives = false)
{
    /// <summary>The order of a frame mark, first at its offset (the top of a function body, before parameter records).</summary>
    public const int FrameMarkOrder = int.MinValue;

    /// <summary>The order of a replacement, last at its offset.</summary>
    public const int ReplacementOrder = int.MaxValue;
}
