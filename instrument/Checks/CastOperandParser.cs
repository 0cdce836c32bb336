// Finding where a cast's operand ends among the tokens of a macro body.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Finds, among the tokens of a macro body, the operand of a cast written there: the
/// cast-expression after the parenthesised type name (C11 6.5.4), read as prefix operators over a
/// postfix expression. A parenthesis where an operand starts may open a nested cast or a
/// parenthesised expression, which tokens cannot tell apart; the AST of one expansion decides.
/// Anything not understood (stringizing or token pasting near the operand, a token that cannot
/// follow an expression, unbalanced brackets) gives no operand.
/// </summary>
internal sealed class CastOperandParser
{
    private static readonly HashSet<string> PrefixOperators = new(StringComparer.Ordinal) { "++", "--", "&", "*", "+", "-", "~", "!" };

    private static readonly HashSet<string> PrefixKeywords = new(StringComparer.Ordinal) { "__extension__", "__real__", "__imag__", "__real", "__imag" };

    private static readonly HashSet<string> SizeofKeywords = new(StringComparer.Ordinal) { "sizeof", "_Alignof", "__alignof__", "__alignof", "alignof" };

    // After a whole operand only a binary operator or a closing punctuator may come; these would continue it, or cannot follow it.
    private static readonly HashSet<string> CannotFollow = new(StringComparer.Ordinal) { "(", "[", "{", ".", "->", "++", "--", "~", "!", "#", "##" };

    private readonly List<MacroBodyToken> tokens;

    private CastOperandParser(List<MacroBodyToken> tokens) => this.tokens = tokens;

    /// <summary>The index of the parenthesis closing token <paramref name="open"/> (a <c>(</c>), or null when unbalanced.</summary>
    public static int? Closing(List<MacroBodyToken> tokens, int open) =>
        open >= 0 && open < tokens.Count && tokens[open].Is("(") ? new CastOperandParser(tokens).Match(open) : null;

    /// <summary>
    /// The operand, as token indices [Start, End), of the cast whose opening parenthesis is token <paramref name="open"/>;
    /// <paramref name="cast"/> is that cast in one expansion. Null when the operand cannot be read with confidence.
    /// </summary>
    public static (int Start, int End)? Operand(List<MacroBodyToken> tokens, int open, SyntaxNode cast)
    {
        var parser = new CastOperandParser(tokens);
        if (open < 0 || open >= tokens.Count || !tokens[open].Is("(") || parser.Match(open) is not int close || cast.Children.Count == 0)
        {
            return null;
        }

        int start = close + 1;
        if (parser.CastExpression(start, cast.Children[^1]) is not int end || end <= start)
        {
            return null;
        }

        if (end < tokens.Count && (tokens[end].Kind != MacroBodyTokenKind.Punctuator || CannotFollow.Contains(tokens[end].Text)))
        {
            return null; // misread: e.g. the operand starts with a parameter that expands to a cast's parenthesised type
        }

        for (int i = start - 1; i < end; i++)
        {
            if (tokens[i].Is("#") || tokens[i].Is("##"))
            {
                return null;
            }
        }

        return (start, end);
    }

    /// <summary>Past a cast-expression starting at token <paramref name="i"/>; <paramref name="node"/> is its AST in one expansion, when known.</summary>
    private int? CastExpression(int i, SyntaxNode? node)
    {
        if (i >= tokens.Count)
        {
            return null;
        }

        node = WithoutConversions(node);
        if (tokens[i].Is("(") && node is { Kind: SyntaxKind.Cast, Start.SpellingInMainFile: true } && node.Start.SpellingOffset == tokens[i].Start
            && node.Children.Count > 0 && Match(i) is int close)
        {
            return CastExpression(close + 1, node.Children[^1]);
        }

        return Unary(i, node);
    }

    private int? Unary(int i, SyntaxNode? node)
    {
        MacroBodyToken t = tokens[i];
        if ((t.Kind == MacroBodyTokenKind.Punctuator && PrefixOperators.Contains(t.Text))
            || (t.Kind == MacroBodyTokenKind.Identifier && PrefixKeywords.Contains(t.Text)))
        {
            return CastExpression(i + 1, OnlyOperand(node));
        }

        if (t.Kind == MacroBodyTokenKind.Identifier && SizeofKeywords.Contains(t.Text))
        {
            if (i + 1 < tokens.Count && tokens[i + 1].Is("("))
            {
                // sizeof (type-name) or sizeof (expression): unless a postfix operator follows, which would belong to the operand.
                int? close = Match(i + 1);
                return close is int c && (c + 1 >= tokens.Count || !CannotFollow.Contains(tokens[c + 1].Text)) ? c + 1 : null;
            }

            return i + 1 < tokens.Count ? Unary(i + 1, OnlyOperand(node)) : null;
        }

        if (t.Is("&&"))
        {
            return i + 1 < tokens.Count && tokens[i + 1].Kind == MacroBodyTokenKind.Identifier ? i + 2 : null; // &&label
        }

        return Postfix(i);
    }

    private int? Postfix(int i)
    {
        MacroBodyToken t = tokens[i];
        int j;
        switch (t.Kind)
        {
            case MacroBodyTokenKind.Identifier or MacroBodyTokenKind.Number or MacroBodyTokenKind.Character:
                j = i + 1;
                break;
            case MacroBodyTokenKind.String:
                j = i + 1;
                while (j < tokens.Count && tokens[j].Kind == MacroBodyTokenKind.String)
                {
                    j++;
                }

                break;
            case MacroBodyTokenKind.Punctuator when t.Is("("):
                if (Match(i) is not int close)
                {
                    return null;
                }

                j = close + 1;
                if (j < tokens.Count && tokens[j].Is("{"))
                {
                    // A compound literal, (T){ ... }.
                    if (Match(j) is not int brace)
                    {
                        return null;
                    }

                    j = brace + 1;
                }

                break;
            default:
                return null;
        }

        while (j < tokens.Count)
        {
            MacroBodyToken next = tokens[j];
            if (next.Is("[") || next.Is("("))
            {
                if (Match(j) is not int close)
                {
                    return null;
                }

                j = close + 1;
            }
            else if (next.Is(".") || next.Is("->"))
            {
                if (j + 1 >= tokens.Count || tokens[j + 1].Kind != MacroBodyTokenKind.Identifier)
                {
                    return null;
                }

                j += 2;
            }
            else if (next.Is("++") || next.Is("--"))
            {
                j++;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or null when brackets do not balance.</summary>
    private int? Match(int open)
    {
        var pending = new Stack<string>();
        for (int i = open; i < tokens.Count; i++)
        {
            MacroBodyToken t = tokens[i];
            if (t.Is("(") || t.Is("[") || t.Is("{"))
            {
                pending.Push(t.Text switch { "(" => ")", "[" => "]", _ => "}" });
            }
            else if (t.Is(")") || t.Is("]") || t.Is("}"))
            {
                if (pending.Count == 0 || pending.Pop() != t.Text)
                {
                    return null;
                }

                if (pending.Count == 0)
                {
                    return i;
                }
            }
        }

        return null;
    }

    private static SyntaxNode? WithoutConversions(SyntaxNode? node)
    {
        while (node is { Kind: SyntaxKind.ImplicitExpression, Children: [var only] })
        {
            node = only;
        }

        return node;
    }

    /// <summary>The operand of a unary operator's AST, when it has exactly one.</summary>
    private static SyntaxNode? OnlyOperand(SyntaxNode? node) =>
        node is null ? null : node.Children.Where(c => c.Kind != SyntaxKind.TypeReference).ToList() is [var only] ? only : null;
}
