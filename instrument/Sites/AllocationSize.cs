// Reading the allocated type from an allocation's size expression.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Reads what an allocation holds from its size expression, looking at its top level (parentheses,
/// casts and implicit conversions stripped):
/// <list type="bullet">
/// <item><c>sizeof(T)</c>: one <c>T</c>.</item>
/// <item>a product with a <c>sizeof(T)</c> factor (<c>n * sizeof(T)</c>, <c>sizeof(T) * n</c>): an array of <c>T</c>.</item>
/// <item>a sum with a term <c>sizeof(S)</c> or <c>offsetof(S, m)</c> where <c>S</c> ends in a flexible array member (or an old-style
/// array of 0 or 1 elements): one <c>S</c>, whose trailing array extends to the end of the block.</item>
/// <item>any other sum holding a <c>sizeof</c>: a header followed by an array of another type, which stays untyped.</item>
/// <item>anything else (a call, a conditional): the first <c>sizeof</c> inside it, as one object.</item>
/// </list>
/// </summary>
internal static class AllocationSize
{
    /// <summary>What <paramref name="size"/> says about the memory it sizes.</summary>
    public static SizeInference Infer(SyntaxNode size, DataModel dataModel)
    {
        SyntaxNode top = Strip(size);
        if (IsBinary(top, BinaryOperatorKind.Multiply))
        {
            CType? element = Operands(top, BinaryOperatorKind.Multiply).Select(f => SizeofOperand(f, dataModel)).FirstOrDefault(t => t is not null);
            return new SizeInference(element, IsArray: true, IsSum: false, IsHeaderAndArray: false);
        }

        if (IsBinary(top, BinaryOperatorKind.Add))
        {
            List<SyntaxNode> terms = Operands(top, BinaryOperatorKind.Add);
            foreach (SyntaxNode term in terms)
            {
                if ((SizeofOperand(term, dataModel) ?? OffsetofRecord(term)) is CType header && HasTrailingArray(header))
                {
                    return new SizeInference(header, IsArray: false, IsSum: true, IsHeaderAndArray: false);
                }
            }

            bool hasSizeof = terms.Exists(t => t.DescendantsAndSelf().Any(n => n.Kind == SyntaxKind.SizeofOrAlignof || OffsetofRecord(n) is not null));
            return new SizeInference(null, IsArray: false, IsSum: true, IsHeaderAndArray: hasSizeof);
        }

        CType? first = top.DescendantsAndSelf().Where(n => n.Kind == SyntaxKind.SizeofOrAlignof).Select(n => OperandOfSizeof(n, dataModel))
            .FirstOrDefault(t => t is not null);
        return first is null ? SizeInference.Unknown : new SizeInference(first, IsArray: false, IsSum: false, IsHeaderAndArray: false);
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a struct whose last member is an array of unknown length (a flexible array member) or,
    /// old style, of 0 or 1 elements: a block bigger than the struct is one struct whose trailing array extends to its end.
    /// </summary>
    public static bool HasTrailingArray(CType type) =>
        type is CRecordType { IsUnion: false, IsComplete: true, Fields: [.., { Type: CArrayType { IsVector: false } last }] }
        && (last.Length == ArrayLength.Unknown || (last.Length == ArrayLength.Constant && last.Count <= 1));

    /// <summary>The type <c>sizeof</c> measures, or null when the node is <c>_Alignof</c> or the operand cannot be read.</summary>
    public static CType? OperandOfSizeof(SyntaxNode node, DataModel dataModel)
    {
        IReadOnlyList<string>? tokens = node.Tokens;
        if (tokens is { Count: > 0 } && tokens[0] != "sizeof")
        {
            return null;
        }

        // The operand is an expression when a child ends where the sizeof ends (`sizeof *p`, `sizeof (x)`);
        // a type name's children (`sizeof(int[4])`'s 4) end inside the parentheses.
        bool inMacro = node.Start.InMacro || node.End.InMacro;
        SyntaxNode? expression = node.Children.FirstOrDefault(c => c.Kind != SyntaxKind.TypeReference
            && (inMacro ? IsOperandExpression(c) && node.Children.Count == 1 : c.End.Offset == node.End.Offset));
        if (expression is not null)
        {
            return expression.Type;
        }

        if (tokens is null)
        {
            return null; // a type name spelled inside a macro: its tokens are not in the file
        }

        return SizeofTypeName.Parse(tokens, [.. node.Children.Select(c => c.Type).OfType<CType>()], dataModel);
    }

    /// <summary>Whether <paramref name="node"/>, parentheses and casts stripped, is a <c>sizeof</c>.</summary>
    public static bool IsSizeof(SyntaxNode node) => Strip(node).Kind == SyntaxKind.SizeofOrAlignof;

    /// <summary>Through parentheses, casts and implicit conversions: <c>(size_t)(n * sizeof(T))</c> is a product.</summary>
    public static SyntaxNode Strip(SyntaxNode node)
    {
        while (true)
        {
            if (node.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression && node.Children is [{ Kind: not SyntaxKind.TypeReference } only])
            {
                node = only;
            }
            else if (node.Kind == SyntaxKind.Cast && node.Children.Count > 0 && node.Children[^1].Kind != SyntaxKind.TypeReference)
            {
                node = node.Children[^1];
            }
            else
            {
                return node;
            }
        }
    }

    private static CType? SizeofOperand(SyntaxNode node, DataModel dataModel)
    {
        SyntaxNode n = Strip(node);
        return n.Kind == SyntaxKind.SizeofOrAlignof ? OperandOfSizeof(n, dataModel) : null;
    }

    /// <summary>The record of <c>offsetof(S, m)</c> (<c>__builtin_offsetof</c>, an unexposed integer expression naming a type), else null.</summary>
    private static CType? OffsetofRecord(SyntaxNode node)
    {
        SyntaxNode n = Strip(node);
        return n.Kind == SyntaxKind.ImplicitExpression && n.Type is CBuiltinType { IsInteger: true }
            && n.Children.FirstOrDefault(c => c.Kind == SyntaxKind.TypeReference) is SyntaxNode reference
            ? reference.Type
            : null;
    }

    private static bool IsBinary(SyntaxNode node, BinaryOperatorKind kind) =>
        node.Kind == SyntaxKind.BinaryOperator && node.BinaryOperator == kind && node.Children.Count == 2;

    /// <summary>The operands of a chain of one associative operator (<c>a * b * c</c>), each stripped, in source order.</summary>
    private static List<SyntaxNode> Operands(SyntaxNode top, BinaryOperatorKind kind)
    {
        var operands = new List<SyntaxNode>();
        var pending = new Stack<SyntaxNode>();
        pending.Push(top);
        while (pending.Count > 0)
        {
            SyntaxNode n = Strip(pending.Pop());
            if (IsBinary(n, kind))
            {
                pending.Push(n.Children[1]);
                pending.Push(n.Children[0]);
            }
            else
            {
                operands.Add(n);
            }
        }

        return operands;
    }

    /// <summary>Kinds that can only be an expression operand, never part of a type name (unlike a literal array bound).</summary>
    private static bool IsOperandExpression(SyntaxNode node) => node.Kind is SyntaxKind.Parenthesized or SyntaxKind.UnaryOperator
        or SyntaxKind.DeclarationReference or SyntaxKind.MemberReference or SyntaxKind.ArraySubscript or SyntaxKind.Call or SyntaxKind.Cast;
}
