// Whether the text of an expression can be wrapped without taking in anything else.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Decides which bytes of the file hold exactly one expression, so that wrapping them checks that
/// expression and nothing else. Positions are expansion positions: an expression from a macro
/// starts where the macro is invoked and (unless it ends in an argument) ends where the invocation
/// ends. So the bytes [start, end) of a node may also hold parts of the macro that are not the
/// node; that is the case exactly when some node outside it (a sibling of it or of an ancestor)
/// starts within those bytes, or an ancestor lies entirely within them.
/// </summary>
internal static class CastRegion
{
    /// <summary>The byte range holding exactly <paramref name="node"/>, or null when there is none.</summary>
    public static (int Start, int End)? Of(SyntaxNode node, ReadOnlySpan<byte> text)
    {
        if (!node.Start.InMainFile || !node.End.InMainFile)
        {
            return null;
        }

        int start = node.Start.Offset;
        int end;
        if (node.End.InMacro)
        {
            // Ends inside a macro argument: its position is the invocation's start; read the invocation's end from the text.
            if (MacroInvocation.End(text, node.End.Offset) is not int invocationEnd || node.End.Offset < start)
            {
                return null;
            }

            end = invocationEnd;
        }
        else
        {
            end = node.End.Offset;
        }

        if (end <= start || end > text.Length || (node.Start.InMacro && MacroInvocation.End(text, start) is null))
        {
            return null;
        }

        SyntaxNode child = node;
        for (SyntaxNode? ancestor = node.Parent; ancestor is not null && ancestor.Kind != SyntaxKind.FunctionDeclaration;
            child = ancestor, ancestor = ancestor.Parent)
        {
            if (ancestor.Start.InMainFile && ancestor.Start.Offset >= start && (ancestor.End.InMacro || ancestor.End.Offset <= end)
                && !IsTransparentWrapper(ancestor, start, end))
            {
                return null; // the bytes hold an enclosing expression too (a macro expanding to `*(T *)p`)
            }

            foreach (SyntaxNode other in ancestor.Children)
            {
                if (other == child || !other.Start.InMainFile)
                {
                    continue;
                }

                bool startsInside = other.Start.Offset >= start && other.Start.Offset < end;
                bool overlaps = other.Start.Offset < start && !other.End.InMacro && other.End.Offset > start;
                if (startsInside || overlaps)
                {
                    return null; // the bytes hold another expression too (a macro expanding to `(T *)p + 1`)
                }
            }
        }

        return (start, end);
    }

    /// <summary>Parentheses or an implicit conversion around exactly these bytes: wrapping the bytes still wraps the same value.</summary>
    private static bool IsTransparentWrapper(SyntaxNode ancestor, int start, int end) =>
        ancestor.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression
        && ancestor.Start.Offset == start && !ancestor.End.InMacro && ancestor.End.Offset == end;
}
