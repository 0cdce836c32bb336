// Finding where a macro invocation ends in the source text.
namespace Liballocs.Instrument.Checks;

/// <summary>
/// Reads a macro invocation from the source bytes: its name and, when a parenthesis follows, the
/// balanced argument list (string and character literals and comments skipped). libclang gives
/// where an expansion starts but, for an expression ending in a macro argument, not where it ends.
/// </summary>
internal static class MacroInvocation
{
    /// <summary>
    /// The offset one past the invocation starting at <paramref name="start"/>: past the closing
    /// parenthesis of its arguments when a parenthesis follows the name, else past the name.
    /// Null when no identifier starts there or the arguments never close.
    /// </summary>
    public static int? End(ReadOnlySpan<byte> text, int start)
    {
        if (start < 0 || start >= text.Length || !IsIdentifierStart(text[start]))
        {
            return null;
        }

        int i = start + 1;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        int nameEnd = i;
        i = SkipBlank(text, i);
        if (i >= text.Length || text[i] != (byte)'(')
        {
            return nameEnd;
        }

        int depth = 0;
        while (i < text.Length)
        {
            byte c = text[i];
            if (c == (byte)'"' || c == (byte)'\'')
            {
                i = SkipLiteral(text, i);
                continue;
            }

            if (c == (byte)'/' && i + 1 < text.Length && (text[i + 1] == (byte)'*' || text[i + 1] == (byte)'/'))
            {
                i = SkipBlank(text, i);
                continue;
            }

            if (c == (byte)'(')
            {
                depth++;
            }
            else if (c == (byte)')' && --depth == 0)
            {
                return i + 1;
            }

            i++;
        }

        return null;
    }

    private static bool IsIdentifierStart(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_' or (byte)'$';

    private static bool IsIdentifierPart(byte c) => IsIdentifierStart(c) || c is >= (byte)'0' and <= (byte)'9';

    /// <summary>Past white space, line splices and comments.</summary>
    private static int SkipBlank(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length)
        {
            byte c = text[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v' or (byte)'\\')
            {
                i++;
            }
            else if (c == (byte)'/' && i + 1 < text.Length && text[i + 1] == (byte)'*')
            {
                int close = text[(i + 2)..].IndexOf("*/"u8);
                i = close < 0 ? text.Length : i + 2 + close + 2;
            }
            else if (c == (byte)'/' && i + 1 < text.Length && text[i + 1] == (byte)'/')
            {
                int newline = text[i..].IndexOf((byte)'\n');
                i = newline < 0 ? text.Length : i + newline + 1;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>Past the string or character literal opening at <paramref name="i"/>.</summary>
    private static int SkipLiteral(ReadOnlySpan<byte> text, int i)
    {
        byte quote = text[i++];
        while (i < text.Length && text[i] != quote && text[i] != (byte)'\n')
        {
            i += text[i] == (byte)'\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }
}
