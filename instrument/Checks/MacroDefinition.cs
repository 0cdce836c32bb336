// A #define directive of the file being compiled, read from its text.
namespace Liballocs.Instrument.Checks;

/// <summary>
/// A <c>#define</c> directive in the source text: the macro's name and where its replacement list
/// (the body) lies. Read from the bytes because libclang's AST keeps no macro definitions unless
/// asked for a detailed preprocessing record, which costs every parse.
/// </summary>
/// <param name="Name">The macro's name.</param>
/// <param name="BodyStart">Byte offset just past the name (and the parameter list of a function-like macro).</param>
/// <param name="End">Byte offset of the line break ending the directive (or of the end of the file).</param>
/// <param name="NameStart">Byte offset of the macro's name.</param>
internal sealed record MacroDefinition(string Name, int BodyStart, int End, int NameStart = 0)
{
    /// <summary>The <c>#define</c> whose body holds the byte at <paramref name="offset"/>, or null when that byte is in no macro body.</summary>
    public static MacroDefinition? Containing(ReadOnlySpan<byte> text, int offset)
    {
        if (offset < 0 || offset >= text.Length)
        {
            return null;
        }

        int i = SkipBlank(text, LogicalLineStart(text, offset));
        if (i >= text.Length || text[i] != (byte)'#')
        {
            return null;
        }

        i = SkipBlank(text, i + 1);
        if (!text[i..].StartsWith("define"u8) || (i + 6 < text.Length && IsIdentifierPart(text[i + 6])))
        {
            return null;
        }

        i = SkipBlank(text, i + 6);
        int nameStart = i;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        if (i == nameStart)
        {
            return null;
        }

        string name = System.Text.Encoding.ASCII.GetString(text[nameStart..i]);
        if (i < text.Length && text[i] == (byte)'(')
        {
            // A function-like macro (no blank before the parenthesis): its parameter list holds no parentheses.
            int close = text[i..].IndexOf((byte)')');
            if (close < 0)
            {
                return null;
            }

            i += close + 1;
        }

        int end = LogicalLineEnd(text, i);
        return offset >= i && offset < end ? new MacroDefinition(name, i, end, nameStart) : null;
    }

    /// <summary>The start of the line holding <paramref name="offset"/>, going back over lines ended by a backslash (one logical line).</summary>
    private static int LogicalLineStart(ReadOnlySpan<byte> text, int offset)
    {
        int i = offset;
        while (true)
        {
            int newline = text[..i].LastIndexOf((byte)'\n');
            if (newline < 0)
            {
                return 0;
            }

            if (!IsSpliced(text, newline))
            {
                return newline + 1;
            }

            i = newline;
        }
    }

    /// <summary>The offset of the line break ending the logical line that holds <paramref name="offset"/>.</summary>
    private static int LogicalLineEnd(ReadOnlySpan<byte> text, int offset)
    {
        int i = offset;
        while (i < text.Length)
        {
            int newline = text[i..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return text.Length;
            }

            i += newline;
            if (!IsSpliced(text, i))
            {
                return i;
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>Whether the line break at <paramref name="newline"/> follows a backslash (a line splice).</summary>
    private static bool IsSpliced(ReadOnlySpan<byte> text, int newline)
    {
        int before = newline - 1;
        if (before >= 0 && text[before] == (byte)'\r')
        {
            before--;
        }

        return before >= 0 && text[before] == (byte)'\\';
    }

    /// <summary>Past spaces, tabs, line splices and comments that stay on the line.</summary>
    private static int SkipBlank(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] is (byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\v' or (byte)'\r')
            {
                i++;
            }
            else if (text[i] == (byte)'\\' && i + 1 < text.Length && text[i + 1] is (byte)'\n' or (byte)'\r')
            {
                i += text[i + 1] == (byte)'\r' && i + 2 < text.Length && text[i + 2] == (byte)'\n' ? 3 : 2;
            }
            else if (text[i] == (byte)'/' && i + 1 < text.Length && text[i + 1] == (byte)'*')
            {
                int close = text[(i + 2)..].IndexOf("*/"u8);
                if (close < 0 || text[(i + 2)..(i + 2 + close)].Contains((byte)'\n'))
                {
                    return i;
                }

                i += close + 4;
            }
            else
            {
                return i;
            }
        }

        return i;
    }

    private static bool IsIdentifierPart(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
        or (byte)'_' or (byte)'$';
}
