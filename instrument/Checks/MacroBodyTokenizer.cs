// Splitting a macro body into preprocessing tokens.
using System.Text;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Splits the bytes of a macro body into preprocessing tokens (C11 6.4), skipping white space, line
/// splices and comments. Enough of the lexical grammar to find where an expression in the body ends;
/// digraphs and universal character names are not recognised.
/// </summary>
internal static class MacroBodyTokenizer
{
    // Longest first, so that the first match is the longest.
    private static readonly byte[][] Punctuators =
    [
        .. new[] { "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##" }
            .Select(Encoding.ASCII.GetBytes),
    ];

    /// <summary>The tokens of bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/>.</summary>
    public static List<MacroBodyToken> Tokenize(ReadOnlySpan<byte> text, int start, int end)
    {
        var tokens = new List<MacroBodyToken>();
        int i = start;
        while (i < end)
        {
            byte c = text[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\v' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }
            else if (c == (byte)'\\' && i + 1 < end && text[i + 1] is (byte)'\n' or (byte)'\r')
            {
                i += 2;
            }
            else if (c == (byte)'/' && i + 1 < end && text[i + 1] == (byte)'*')
            {
                int close = text[(i + 2)..end].IndexOf("*/"u8);
                i = close < 0 ? end : i + 2 + close + 2;
            }
            else if (c == (byte)'/' && i + 1 < end && text[i + 1] == (byte)'/')
            {
                i = end; // a line comment runs to the end of the directive
            }
            else
            {
                int tokenEnd = TokenEnd(text, i, end, out MacroBodyTokenKind kind);
                tokens.Add(new MacroBodyToken(i, tokenEnd, kind, Encoding.UTF8.GetString(text[i..tokenEnd])));
                i = tokenEnd;
            }
        }

        return tokens;
    }

    private static int TokenEnd(ReadOnlySpan<byte> text, int i, int end, out MacroBodyTokenKind kind)
    {
        byte c = text[i];
        if (IsIdentifierStart(c))
        {
            int j = i + 1;
            while (j < end && IsIdentifierPart(text[j]))
            {
                j++;
            }

            // An encoding prefix (L, u, U, u8) glued to a quote starts a literal.
            ReadOnlySpan<byte> word = text[i..j];
            if (j < end && text[j] is (byte)'"' or (byte)'\'' && (word.SequenceEqual("L"u8) || word.SequenceEqual("u"u8) || word.SequenceEqual("U"u8)
                || word.SequenceEqual("u8"u8)))
            {
                kind = text[j] == (byte)'"' ? MacroBodyTokenKind.String : MacroBodyTokenKind.Character;
                return LiteralEnd(text, j, end);
            }

            kind = MacroBodyTokenKind.Identifier;
            return j;
        }

        if (char.IsAsciiDigit((char)c) || (c == (byte)'.' && i + 1 < end && char.IsAsciiDigit((char)text[i + 1])))
        {
            int j = i + 1;
            while (j < end && (IsIdentifierPart(text[j]) || text[j] == (byte)'.'
                || (text[j] is (byte)'+' or (byte)'-' && text[j - 1] is (byte)'e' or (byte)'E' or (byte)'p' or (byte)'P')))
            {
                j++;
            }

            kind = MacroBodyTokenKind.Number;
            return j;
        }

        if (c is (byte)'"' or (byte)'\'')
        {
            kind = c == (byte)'"' ? MacroBodyTokenKind.String : MacroBodyTokenKind.Character;
            return LiteralEnd(text, i, end);
        }

        kind = MacroBodyTokenKind.Punctuator;
        foreach (byte[] p in Punctuators)
        {
            if (i + p.Length <= end && text.Slice(i, p.Length).SequenceEqual(p))
            {
                return i + p.Length;
            }
        }

        return i + 1;
    }

    /// <summary>Past the literal whose opening quote is at <paramref name="i"/> (an unterminated one ends the body).</summary>
    private static int LiteralEnd(ReadOnlySpan<byte> text, int i, int end)
    {
        byte quote = text[i++];
        while (i < end && text[i] != quote)
        {
            i += text[i] == (byte)'\\' ? 2 : 1;
        }

        return Math.Min(i + 1, end);
    }

    private static bool IsIdentifierStart(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_' or (byte)'$';

    private static bool IsIdentifierPart(byte c) => IsIdentifierStart(c) || c is >= (byte)'0' and <= (byte)'9';
}
