// The source text of an expression, on one line, for explanations.
using System.Text;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Sites;

/// <summary>The text of an expression as written (runs of white space made one space), for <c>--explain-allocations</c>.</summary>
internal static class ExpressionText
{
    /// <summary>The text of <paramref name="node"/> in <paramref name="text"/> (the file's bytes); its tokens when it is part of a larger macro.</summary>
    public static string Of(SyntaxNode node, ReadOnlySpan<byte> text)
    {
        if (CastRegion.Of(node, text) is (int start, int end))
        {
            return OneLine(text[start..end]);
        }

        // Wholly inside one macro argument (`alloca(n * sizeof(int))`): the argument's text, where it is written.
        if (node.Start.InMacroArgument && node.End.InMacroArgument && node.Start.SpellingOffset < node.End.SpellingOffset
            && node.End.SpellingOffset <= text.Length)
        {
            return OneLine(text[node.Start.SpellingOffset..node.End.SpellingOffset]);
        }

        // A sizeof of a type named inside a macro: the type it names (the size matched it, AllocationSize.OperandOfSizeof).
        if (node is { Kind: SyntaxKind.SizeofOrAlignof, Children: [{ Kind: SyntaxKind.TypeReference } named] } && (node.Start.InMacro || node.End.InMacro))
        {
            return $"sizeof({named.TypeSpelling}) in a macro";
        }

        return node.Tokens is { Count: > 0 } tokens ? string.Join(' ', tokens) : node.Spelling.Length > 0 ? node.Spelling : "(a macro expansion)";
    }

    private static string OneLine(ReadOnlySpan<byte> bytes)
    {
        var written = new StringBuilder(bytes.Length);
        foreach (char c in Encoding.UTF8.GetString(bytes))
        {
            if (!char.IsWhiteSpace(c))
            {
                written.Append(c);
            }
            else if (written.Length > 0 && written[^1] != ' ')
            {
                written.Append(' ');
            }
        }

        return written.ToString().Trim();
    }
}
