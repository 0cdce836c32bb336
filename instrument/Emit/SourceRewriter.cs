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
        byte last = (byte)'\n';   // the last byte written
        bool pasted = false;       // whether the last thing written is an insertion's text
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

            if (pasted)
            {
                SeparateTokens(output, original[copied..insertion.Offset], ref last);
            }

            Write(output, original[copied..insertion.Offset], ref last);
            if (insertion.Offset > copied)
            {
                pasted = false;
            }

            byte[] text = Encoding.UTF8.GetBytes(insertion.Text);
            SeparateTokens(output, text, ref last);
            Write(output, text, ref last);
            copied = end;
            pasted |= text.Length > 0 || insertion.Replaces > 0;
        }

        if (pasted)
        {
            SeparateTokens(output, original[copied..], ref last);
        }

        output.Write(original[copied..]);
        return output.ToArray();
    }

    private static void Write(MemoryStream output, ReadOnlySpan<byte> bytes, ref byte last)
    {
        output.Write(bytes);
        if (bytes.Length > 0)
        {
            last = bytes[^1];
        }
    }

    /// <summary>A space between the text written so far and <paramref name="next"/> when both sides of the seam are identifier
    /// characters, which would otherwise paste into one token (<c>return(e)</c> with <c>(e)</c> wrapped: <c>return __liballocs_check(...)</c>,
    /// not <c>return__liballocs_check(...)</c>). Only seams next to inserted text are checked: the original's own seams stay as they are.</summary>
    private static void SeparateTokens(MemoryStream output, ReadOnlySpan<byte> next, ref byte last)
    {
        if (next.Length > 0 && IsIdentifierByte(last) && IsIdentifierByte(next[0]))
        {
            output.WriteByte((byte)' ');
            last = (byte)' ';
        }
    }

    private static bool IsIdentifierByte(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
        or (byte)'_' or >= 0x80;
}
