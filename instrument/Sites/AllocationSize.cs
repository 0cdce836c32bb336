// Reading the allocated type from an allocation's size expression.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Reads what an allocation holds from its size expression, looking at its top level (parentheses,
/// casts and implicit conversions stripped, integer locals followed back to what was stored in them
/// by <see cref="LocalDefinitions"/>):
/// <list type="bullet">
/// <item><c>sizeof(T)</c>: one <c>T</c>.</item>
/// <item>a product with a <c>sizeof(T)</c> factor (<c>n * sizeof(T)</c>, <c>sizeof(T) * n</c>, a factor that is a local holding
/// <c>sizeof(T)</c>): an array of <c>T</c>. <c>sizeof(a) / sizeof(a[0])</c> is a count, never the element.</item>
/// <item>a sum with a term <c>sizeof(S)</c> or <c>offsetof(S, m)</c> where <c>S</c> ends in a flexible array member (or an old-style
/// array of 0 or 1 elements), or <c>offsetof(S, v[n])</c> alone: one <c>S</c>, whose trailing array extends to the end of the block.</item>
/// <item>a sum whose <c>sizeof</c> terms (bare or as factors) all measure one type <c>T</c> (<c>2 * sizeof(short) + 2 * sizeof(short)</c>): an
/// array of <c>T</c>; when <c>T</c> is one byte (<c>strlen(s) * sizeof(char) + 1</c>) other terms are more bytes of the same array.</item>
/// <item>a sum whose <c>sizeof</c> terms measure different types: a header followed by an array of another type, which stays untyped.</item>
/// <item>a conditional whose branches both read one type <c>T</c> (<c>n &gt; 0 ? n * sizeof(T) : sizeof(T)</c>): <c>T</c>, an array
/// when either branch is.</item>
/// <item>anything else (<c>sizeof(S) / 2</c>, <c>sizeof(S) - sizeof(int)</c>, <c>sizeof(int) &lt;&lt; 4</c>, a call, a conditional with
/// different branches such as <c>MAX(sizeof(a), sizeof(b))</c>): nothing, so the memory is typed lazily.</item>
/// </list>
/// </summary>
internal sealed class AllocationSize
{
    /// <summary>How many locals deep a size is followed (<c>n</c> holding <c>m * k</c>, <c>k</c> holding <c>sizeof(T)</c>...).</summary>
    private const int MaxDepth = 8;

    private readonly DataModel dataModel;
    private readonly byte[] text;
    private readonly LocalDefinitions? locals;

    /// <summary>Reads sizes in a file whose bytes are <paramref name="text"/>, inside a function whose locals are <paramref name="locals"/>
    /// (null: locals are not followed).</summary>
    public AllocationSize(DataModel dataModel, byte[] text, LocalDefinitions? locals)
    {
        this.dataModel = dataModel;
        this.text = text;
        this.locals = locals;
    }

    /// <summary>What <paramref name="size"/> says about the memory it sizes; <paramref name="where"/> names it in the explanation
    /// (<c>the size argument</c>).</summary>
    public SizeInference Infer(SyntaxNode size, string where)
    {
        var notes = new List<string>();
        SizeInference read = Read(size, size, notes, 0);
        if (read.Type is null && !read.IsHeaderAndArray)
        {
            return read;
        }

        // A local read directly is explained by what it holds; anything else by its text, then what its locals hold.
        bool throughLocal = notes.Count > 0 && locals?.ValueAt(Strip(size), size) is not null;
        string why = throughLocal ? string.Join(", ", notes)
            : notes.Count == 0 ? $"{ExpressionText.Of(size, text)} in {where}"
            : $"{ExpressionText.Of(size, text)} in {where}, {string.Join(", ", notes)}";
        return read with { Why = why };
    }

    private SizeInference Read(SyntaxNode node, SyntaxNode use, List<string> notes, int depth)
    {
        SyntaxNode top = Strip(node);
        if (depth < MaxDepth && locals?.ValueAt(top, use) is LocalValue value)
        {
            int mark = notes.Count;
            notes.Add($"{value.Name} = {ExpressionText.Of(value.Value, text)} at line {value.Line}");
            SizeInference held = Read(value.Value, value.Definition, notes, depth + 1);
            if (held.Type is null && !held.IsHeaderAndArray)
            {
                notes.RemoveRange(mark, notes.Count - mark);
            }

            return held;
        }

        if (IsBinary(top, BinaryOperatorKind.Multiply))
        {
            CType? element = null;
            foreach (SyntaxNode factor in Operands(top, BinaryOperatorKind.Multiply))
            {
                element = SizeofOperand(factor) ?? HeldType(factor, use, notes, depth);
                if (element is not null)
                {
                    break;
                }
            }

            return new SizeInference(element, IsArray: true, IsSum: false, IsHeaderAndArray: false);
        }

        if (IsBinary(top, BinaryOperatorKind.Add))
        {
            return ReadSum(Operands(top, BinaryOperatorKind.Add), use, notes, depth);
        }

        if (top.Kind == SyntaxKind.ConditionalOperator && top.Children.Count == 3)
        {
            // Both branches must say the same thing: MAX(sizeof(a), sizeof(b)) is neither a nor b.
            int mark = notes.Count;
            SizeInference whenTrue = Read(top.Children[1], use, notes, depth);
            SizeInference whenFalse = Read(top.Children[2], use, notes, depth);
            if (whenTrue is { Type: CType same, IsSum: false } && whenFalse is { Type: CType other, IsSum: false } && CTypeEquality.AreSame(same, other))
            {
                return whenTrue with { IsArray = whenTrue.IsArray || whenFalse.IsArray }; // n > 0 ? n * sizeof(T) : sizeof(T): T's
            }

            notes.RemoveRange(mark, notes.Count - mark);
            return SizeInference.Unknown;
        }

        if (IsCount(top))
        {
            return SizeInference.Unknown; // a number of elements, not bytes
        }

        if (IsBinary(top, BinaryOperatorKind.Divide) && IsSizeof(top.Children[1]) && IsBinary(Strip(top.Children[0]), BinaryOperatorKind.Multiply))
        {
            // sizeof(T) * sizeof(a) / sizeof(a[0]): the array's size over its element's is a count of T.
            CType? element = Operands(Strip(top.Children[0]), BinaryOperatorKind.Multiply).Select(SizeofOperand)
                .FirstOrDefault(t => t is not null and not CArrayType);
            return new SizeInference(element, IsArray: element is not null, IsSum: false, IsHeaderAndArray: false);
        }

        if (OffsetofRecord(top) is CType record)
        {
            // offsetof(S, v[n]): the header and n elements of its trailing array; any other offsetof is part of a struct, untyped.
            return HasTrailingArray(record) ? new SizeInference(record, IsArray: false, IsSum: true, IsHeaderAndArray: false) : SizeInference.Unknown;
        }

        CType? only = SizeofOperand(top);
        return only is null ? SizeInference.Unknown : new SizeInference(only, IsArray: false, IsSum: false, IsHeaderAndArray: false);
    }

    /// <summary>
    /// What a sum's <paramref name="terms"/> size: one struct with a trailing array when a term measures one; an array of <c>T</c> when
    /// every term measuring a type measures <c>T</c> (and, unless <c>T</c> is one byte, every term measures one); a header and an array
    /// of another type when terms measure different types; otherwise nothing.
    /// </summary>
    private SizeInference ReadSum(List<SyntaxNode> terms, SyntaxNode use, List<string> notes, int depth)
    {
        var measured = new List<CType>();
        bool unmeasured = false;
        foreach (SyntaxNode term in terms)
        {
            CType? header = SizeofOperand(term) ?? OffsetofRecord(term) ?? HeldType(term, use, notes, depth);
            if (header is not null && HasTrailingArray(header))
            {
                // sizeof(S) + n * sizeof(E) + sizeof(K): after S and its array comes a K, which S's type does not describe.
                var trailing = ((CArrayType)((CRecordType)header).Fields[^1].Type).Element;
                bool more = terms.Where(t => t != term).SelectMany(Sizeofs).Select(n => OperandOfSizeof(n, dataModel))
                    .Any(t => t is not null && !(CTypeEquality.AreSame(t, trailing) || CTypeEquality.AreSame(t, header)));
                return new SizeInference(header, IsArray: false, IsSum: true, IsHeaderAndArray: false, IsHead: more);
            }

            CType? element = header ?? (IsBinary(term, BinaryOperatorKind.Multiply) ? Read(term, use, notes, depth).Type : null);
            if (element is not null)
            {
                measured.Add(element);
            }
            else if (Sizeofs(term).Any())
            {
                return new SizeInference(null, IsArray: false, IsSum: true, IsHeaderAndArray: false); // a sizeof used some other way
            }
            else
            {
                unmeasured = true;
            }
        }

        if (measured.Count == 0)
        {
            return new SizeInference(null, IsArray: false, IsSum: true, IsHeaderAndArray: false);
        }

        CType first = measured[0];
        if (measured.Any(t => !CTypeEquality.AreSame(t, first)))
        {
            return new SizeInference(null, IsArray: false, IsSum: true, IsHeaderAndArray: true);
        }

        // strlen(s) * sizeof(char) + 1: more bytes of a byte array; n * sizeof(int) + 3 is no array of int.
        return unmeasured && first.Size != 1
            ? new SizeInference(null, IsArray: false, IsSum: true, IsHeaderAndArray: false)
            : new SizeInference(first, IsArray: true, IsSum: false, IsHeaderAndArray: false);
    }


    /// <summary>The type a factor or term names when it is a local holding a size (<c>size_t elem = sizeof(T)</c>), else null.</summary>
    private CType? HeldType(SyntaxNode node, SyntaxNode use, List<string> notes, int depth)
    {
        if (depth >= MaxDepth || locals?.ValueAt(Strip(node), use) is null)
        {
            return null;
        }

        SizeInference held = Read(node, use, notes, depth);
        return held.IsSum ? null : held.Type;
    }

    /// <summary>The <c>sizeof</c>s below <paramref name="node"/> in source order, leaving out those of counts (<c>sizeof(a) / sizeof(a[0])</c>).</summary>
    private static IEnumerable<SyntaxNode> Sizeofs(SyntaxNode node)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            SyntaxNode n = pending.Pop();
            if (n.Kind == SyntaxKind.SizeofOrAlignof)
            {
                yield return n;
                continue;
            }

            if (IsCount(n))
            {
                continue;
            }

            for (int i = n.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(n.Children[i]);
            }
        }
    }

    /// <summary><c>sizeof(a) / sizeof(a[0])</c> (any sizeof over any sizeof): a number of elements.</summary>
    private static bool IsCount(SyntaxNode node)
    {
        SyntaxNode n = Strip(node);
        return IsBinary(n, BinaryOperatorKind.Divide) && IsSizeof(n.Children[0]) && IsSizeof(n.Children[1]);
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
            return (node.Start.InMacro || node.End.InMacro) ? TypeNameInMacro(node, dataModel) : null;
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
            return TypeNameInMacro(node, dataModel); // a type name spelled inside a macro: its tokens are not in the file
        }

        return SizeofTypeName.Parse(tokens, [.. node.Children.Select(c => c.Type).OfType<CType>()], dataModel);
    }

    /// <summary>
    /// The type a <c>sizeof</c> expanded from a macro names (<c>#define NEW(T) malloc(sizeof(T))</c>), whose tokens are not the file's:
    /// the one type it refers to, when the <c>sizeof</c>'s value is that type's size and not a pointer's (<c>sizeof(struct s *)</c>
    /// refers to <c>struct s</c> too, so a struct as big as a pointer stays unknown). Null otherwise (<c>sizeof(long)</c> refers to none).
    /// </summary>
    private static CType? TypeNameInMacro(SyntaxNode node, DataModel dataModel)
    {
        if (node.Children is not [{ Kind: SyntaxKind.TypeReference, Type: CType named }] || named.Size is not long size || size == dataModel.PointerSize)
        {
            return null;
        }

        return node.IntegerValue == size ? named : null;
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

    private CType? SizeofOperand(SyntaxNode node)
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
