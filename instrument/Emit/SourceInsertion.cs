// A piece of text to insert into the original source.
namespace Liballocs.Instrument.Emit;

/// <summary>
/// Text to insert into the original source at a byte offset. Insertions at the same offset are
/// applied by ascending <see cref="Order"/>, then in the order they were made.
/// </summary>
/// <param name="Offset">0-based byte offset in the original file; the text goes before the byte there.</param>
/// <param name="Order">Tie-breaker at one offset: closing a wrapped call (-depth), then records (0), then opening calls (depth).</param>
/// <param name="Text">The text; never contains a line break, so line numbers stay as they were.</param>
internal sealed record SourceInsertion(int Offset, int Order, string Text);
