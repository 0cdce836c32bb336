// Applying insertions to the original source bytes.
using System.Text;

namespace Liballocs.Instrument.Emit;

/// <summary>
/// Applies insertions to a source file's bytes. The original bytes are copied untouched (whatever their encoding), except those an
/// insertion replaces.
/// </summary>
internal static class SourceRewriter
{
    /// <summary>
    /// The original text with every insertion placed at its offset (UTF-8). Throws
    /// <see cref="ArgumentException"/> if an insertion lies outside the file, contains or replaces a line break (directives: unless they
    /// start a line and end with a <c>#line</c>), or falls inside bytes
    /// another one replaces.
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> original, IEnumerable<SourceInsertion> insertions)
    {
        var ordered = insertions.Select((insertion, sequence) => (insertion, sequence))
            .OrderBy(p => p.insertion.Offset).ThenBy(p => p.insertion.Order).ThenBy(p => p.sequence)
            .Select(p => p.insertion).ToList();
        using var output = new MemoryStream(original.Length + (ordered.Count * 64));
        int copied = 0;
        foreach (SourceInsertion insertion in ordered)
        {
            int end = insertion.Offset + insertion.Replaces;
            if (insertion.Offset < 0 || insertion.Replaces < 0 || end > original.Length)
            {
                throw new ArgumentException($"insertion at offset {insertion.Offset} is outside the file ({original.Length} bytes)", nameof(insertions));
            }

            if (insertion.Offset < copied)
            {
                throw new ArgumentException($"insertion at offset {insertion.Offset} falls inside replaced bytes", nameof(insertions));
            }

            if (insertion.Directives
                ? (insertion.Offset > 0 && original[insertion.Offset - 1] != (byte)'\n') || !insertion.Text.EndsWith('\n') || insertion.Replaces != 0
                    || !insertion.Text[..^1][(insertion.Text[..^1].LastIndexOf('\n') + 1)..].StartsWith("#line ", StringComparison.Ordinal)
                : insertion.Text.AsSpan().IndexOfAny('\n', '\r') >= 0 || original[insertion.Offset..end].IndexOfAny((byte)'\n', (byte)'\r') >= 0)
            {
                throw new ArgumentException("an insertion must not contain or replace a line break", nameof(insertions));
            }

            output.Write(original[copied..insertion.Offset]);
            output.Write(Encoding.UTF8.GetBytes(insertion.Text));
            copied = end;
        }

        output.Write(original[copied..]);
        return output.ToArray();
    }
}
