// Finding the pointer casts to check in function bodies.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Finds the pointer casts of every function body (checks/README.md, "Which casts are checked"):
/// explicit casts to pointer types, implicit conversions of <c>void *</c> to <c>T *</c> in
/// initialisation, assignment, argument passing and return, and <c>va_arg(ap, T *)</c>. Elides the
/// ones statically fine (<see cref="CastElision"/>); leaves out unevaluated operands and constant
/// expressions (<c>sizeof</c>, <c>_Alignof</c>, <c>typeof</c>, <c>_Generic</c>, <c>offsetof</c>,
/// initialisers of static storage, <c>case</c> labels, array bounds, local type declarations) and
/// the bodies of allocators (failures inside allocator code are never reported); skips, with a
/// verbose diagnostic, casts whose text cannot be wrapped on its own (parts of macro expansions).
/// </summary>
internal sealed class CastFinder
{
    private readonly ParsedSource source;
    private readonly byte[] text;
    private readonly IReadOnlySet<string> likeTypes;
    private readonly DiagnosticBag diagnostics;
    private readonly List<CastSite> sites = [];
    private CastStatistics statistics = CastStatistics.None;

    private CastFinder(ParsedSource source, byte[] text, IReadOnlySet<string> likeTypes, DiagnosticBag diagnostics)
    {
        this.source = source;
        this.text = text;
        this.likeTypes = likeTypes;
        this.diagnostics = diagnostics;
    }

    /// <summary>What to check in <paramref name="source"/>, whose bytes (as offsets count them) are <paramref name="text"/>.</summary>
    /// <param name="source">The parsed file.</param>
    /// <param name="text">The file's bytes.</param>
    /// <param name="likeTypes">Struct tags checked with <c>like_a</c>.</param>
    /// <param name="diagnostics">Receives a verbose note for each cast skipped.</param>
    public static CastFindings Find(ParsedSource source, byte[] text, IReadOnlySet<string> likeTypes, DiagnosticBag diagnostics)
    {
        var finder = new CastFinder(source, text, likeTypes, diagnostics);
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind == SyntaxKind.FunctionDeclaration && function.IsDefinition && AllocatorTable.Find(function.Spelling) is null
                && function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is SyntaxNode body)
            {
                finder.Visit(function, body);
            }
        }

        return new CastFindings(finder.sites, finder.statistics);
    }

    private enum Candidate
    {
        None,
        Explicit,
        Implicit,
        VaArg,
    }

    /// <summary>Visits the evaluated nodes below <paramref name="root"/> in source order (explicit stack: bodies nest deeply).</summary>
    private void Visit(SyntaxNode function, SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            SyntaxNode node = stack.Pop();
            Consider(function, node);
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                if (IsEvaluated(node, node.Children[i]))
                {
                    stack.Push(node.Children[i]);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="child"/> is evaluated at run time as part of <paramref name="parent"/>.</summary>
    private static bool IsEvaluated(SyntaxNode parent, SyntaxNode child) => parent.Kind switch
    {
        SyntaxKind.SizeofOrAlignof or SyntaxKind.GenericSelection or SyntaxKind.TypeDeclaration or SyntaxKind.ParameterDeclaration => false,
        // Only the initialiser, and not for static storage (a constant expression); the rest is the type (typeof, array bounds).
        SyntaxKind.VariableDeclaration => child == parent.Initializer && parent.StorageClass is not (StorageClass.Static or StorageClass.Extern)
            && !parent.IsThreadLocal,
        SyntaxKind.CaseStatement => child == parent.Children[^1],
        SyntaxKind.Cast => child == parent.Children[^1],
        SyntaxKind.ImplicitExpression => !IsOffsetof(parent),
        _ => true,
    };

    /// <summary><c>__builtin_offsetof(T, m)</c>: an integer expression naming a type (libclang exposes it as an unexposed expression).</summary>
    private static bool IsOffsetof(SyntaxNode node) =>
        node.Type is CBuiltinType { IsInteger: true } && node.Children.Any(c => c.Kind == SyntaxKind.TypeReference);

    private void Consider(SyntaxNode function, SyntaxNode node)
    {
        Candidate candidate = Classify(node);
        if (candidate == Candidate.None)
        {
            return;
        }

        var target = (CPointerType)node.Type!;
        SyntaxNode? operand = candidate switch
        {
            Candidate.Explicit => node.Children[^1],
            Candidate.Implicit => node.Children[0],
            _ => null,
        };
        if (Elide(target, operand) is CastElision elision)
        {
            statistics = statistics.WithElided(elision);
            return;
        }

        bool isFunction = target.Pointee is CFunctionType;
        (CastRewrite Rewrite, SourcePosition At, (int Start, int End) Region)? plan = candidate switch
        {
            Candidate.Explicit when !node.Start.InMacro && CastRegion.Of(operand!, text) is { } region => (CastRewrite.Operand, node.Start, region),
            Candidate.Explicit => Whole(node),
            Candidate.Implicit when CastRegion.Of(operand!, text) is { } region => (CastRewrite.Converted, operand!.Start, region),
            Candidate.VaArg => Whole(node),
            _ => null,
        };
        if (plan is null)
        {
            Skip(node, $"pointer cast to '{node.TypeSpelling}' is part of a macro expansion that holds more than the cast; not checked");
            return;
        }

        string spelling = node.TypeSpelling;
        bool needsSpelling = plan.Value.Rewrite == CastRewrite.Whole || (plan.Value.Rewrite == CastRewrite.Converted && isFunction);
        if (needsSpelling && !IsSpellable(spelling))
        {
            Skip(node, $"pointer cast to '{spelling}' would need the type spelled again, which C cannot; not checked");
            return;
        }

        (CheckKind kind, int degree) = CheckSelection.Select(target, likeTypes);
        string? tag = kind == CheckKind.NamedA ? TagOf(target.Pointee) : null;
        sites.Add(new CastSite(sites.Count, plan.Value.At.Line, plan.Value.At.Column, function.Spelling, kind, degree,
            kind == CheckKind.NamedA ? null : target.Pointee, tag, spelling, plan.Value.Rewrite, isFunction, plan.Value.Region.Start,
            plan.Value.Region.End));
        statistics = statistics with { Checked = statistics.Checked + 1 };
    }

    private static Candidate Classify(SyntaxNode node)
    {
        if (node.Kind == SyntaxKind.Cast)
        {
            return node.Type is CPointerType && node.Children.Count > 0 && node.Children[^1].Kind != SyntaxKind.TypeReference
                ? Candidate.Explicit
                : Candidate.None;
        }

        if (node.Kind != SyntaxKind.ImplicitExpression || node.Type is not CPointerType target)
        {
            return Candidate.None;
        }

        if (IsVaArg(node))
        {
            return Candidate.VaArg;
        }

        return node.Children.Count == 1 && node.Children[0].Type is CPointerType { Pointee: CVoidType } && target.Pointee is not CVoidType
            && IsConversionContext(node)
            ? Candidate.Implicit
            : Candidate.None;
    }

    /// <summary>
    /// <c>va_arg(ap, T)</c> (<c>__builtin_va_arg</c>): libclang shows it as an unexposed expression
    /// over <c>ap</c>, which unlike an implicit conversion does not span the same text as its operand.
    /// </summary>
    private static bool IsVaArg(SyntaxNode node)
    {
        List<SyntaxNode> operands = [.. node.Children.Where(c => c.Kind != SyntaxKind.TypeReference)];
        if (operands.Count != 1)
        {
            return false;
        }

        SyntaxNode ap = operands[0];
        bool spansMore = ap.Start.Offset != node.Start.Offset || ap.End.Offset != node.End.Offset || ap.End.InMacro != node.End.InMacro
            || operands.Count != node.Children.Count;
        return spansMore && IsVaList(ap);
    }

    private static bool IsVaList(SyntaxNode node) =>
        node.Type is CPointerType { Pointee: CRecordType { Name: "__va_list_tag" } } or CArrayType { Element: CRecordType { Name: "__va_list_tag" } }
        || node.TypeSpelling.Contains("va_list", StringComparison.Ordinal);

    /// <summary>Initialisation, assignment, argument passing and return: where C converts <c>void *</c> to <c>T *</c> for the program.</summary>
    private static bool IsConversionContext(SyntaxNode node) => node.Parent switch
    {
        { Kind: SyntaxKind.VariableDeclaration } declaration => declaration.Initializer == node,
        { Kind: SyntaxKind.BinaryOperator, BinaryOperator: BinaryOperatorKind.Assign } assignment =>
            assignment.Children.Count == 2 && assignment.Children[1] == node,
        { Kind: SyntaxKind.Call } call => call.Children.Count > 0 && call.Children[0] != node,
        { Kind: SyntaxKind.ReturnStatement or SyntaxKind.InitializerList } => true,
        _ => false,
    };

    private static CastElision? Elide(CPointerType target, SyntaxNode? operand)
    {
        if (target.Pointee is CVoidType or CBuiltinType { IsCharacter: true })
        {
            return CastElision.VoidOrChar;
        }

        if (operand is null)
        {
            return null;
        }

        if (IsNullPointerConstant(operand))
        {
            return CastElision.NullPointer;
        }

        if (IsWrittenUpcast(operand, target.Pointee))
        {
            return CastElision.Upcast;
        }

        CType? source = operand.Type;
        if (source is CPointerType pointer && CTypeEquality.AreSame(pointer, target))
        {
            return CastElision.Identical;
        }

        return source is CPointerType from && StartsWith(from.Pointee, target.Pointee, depth: 0) ? CastElision.Upcast : null;
    }

    /// <summary>An integer constant 0, possibly cast to <c>void *</c> (<c>NULL</c>), in parentheses or not.</summary>
    private static bool IsNullPointerConstant(SyntaxNode node)
    {
        SyntaxNode e = Strip(node);
        if (e.Type is CBuiltinType { IsInteger: true } or CEnumType)
        {
            return e.IntegerValue == 0;
        }

        return e.Kind == SyntaxKind.Cast && e.Type is CPointerType { Pointee: CVoidType } && e.Children.Count > 0
            && Strip(e.Children[^1]).Type is CBuiltinType { IsInteger: true } or CEnumType && IsNullPointerConstant(e.Children[^1]);
    }

    /// <summary>
    /// Upcasts the text shows: <c>&amp;s-&gt;m</c> or <c>&amp;s.m</c> with <c>m</c> at offset 0 of exactly the
    /// target type, <c>&amp;a[0]</c> and an array decaying to its element type.
    /// </summary>
    private static bool IsWrittenUpcast(SyntaxNode operand, CType pointee)
    {
        SyntaxNode e = StripParentheses(operand);
        if (e.Kind == SyntaxKind.ImplicitExpression && e.Children.Count == 1
            && StripParentheses(e.Children[0]).Type is CArrayType { IsVector: false } decayed)
        {
            return CTypeEquality.AreSame(decayed.Element, pointee);
        }

        if (e.Kind != SyntaxKind.UnaryOperator || e.UnaryOperator != UnaryOperatorKind.AddressOf || e.Children.Count != 1)
        {
            return false;
        }

        SyntaxNode m = StripParentheses(e.Children[0]);
        if (m.Kind == SyntaxKind.MemberReference && FieldOf(m) is CField field)
        {
            return field.BitOffset == 0 && field.BitWidth is null && CTypeEquality.AreSame(field.Type, pointee);
        }

        return m.Kind == SyntaxKind.ArraySubscript && m.Children.Count == 2 && m.Children[1].IntegerValue == 0
            && Strip(m.Children[0]).Type is CArrayType { IsVector: false } array && CTypeEquality.AreSame(array.Element, pointee);
    }

    /// <summary>The member a member reference names, when it is a direct member of a complete record.</summary>
    private static CField? FieldOf(SyntaxNode member)
    {
        if (member.Children.Count == 0)
        {
            return null;
        }

        CRecordType? record = member.Children[0].Type switch
        {
            CPointerType { Pointee: CRecordType r } => r,
            CRecordType r => r,
            _ => null,
        };
        return record?.Fields.FirstOrDefault(f => f.Name == member.Spelling);
    }

    /// <summary>Whether an object of type <paramref name="outer"/> has a subobject of type <paramref name="inner"/> at offset 0
    /// (its first member, any union arm, its first element, at any depth), so a pointer to one is a pointer to the other.</summary>
    private static bool StartsWith(CType outer, CType inner, int depth)
    {
        if (depth > 32)
        {
            return false;
        }

        switch (outer)
        {
            case CRecordType { IsComplete: true } record:
                foreach (CField field in record.Fields)
                {
                    if (field.BitOffset != 0 || field.BitWidth is not null)
                    {
                        break;
                    }

                    if (CTypeEquality.AreSame(field.Type, inner) || StartsWith(field.Type, inner, depth + 1))
                    {
                        return true;
                    }

                    if (!record.IsUnion)
                    {
                        break;
                    }
                }

                return false;
            case CArrayType { IsVector: false } array:
                return CTypeEquality.AreSame(array.Element, inner) || StartsWith(array.Element, inner, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// Wrapping a whole expression of the target type: the cast or <c>va_arg</c> with the parentheses
    /// its macro puts around it, when exactly that text is in the file (the whole macro invocation).
    /// </summary>
    private (CastRewrite, SourcePosition, (int, int))? Whole(SyntaxNode node)
    {
        SyntaxNode n = node;
        while (n.Parent is { Kind: SyntaxKind.Parenthesized } parent && parent.Start.InMacro && parent.Start.Offset == node.Start.Offset)
        {
            n = parent;
        }

        return CastRegion.Of(n, text) is { } region ? (CastRewrite.Whole, n.Start, region) : null;
    }

    private void Skip(SyntaxNode node, string message)
    {
        statistics = statistics with { Skipped = statistics.Skipped + 1 };
        diagnostics.Add(DiagnosticDescriptors.CastNotChecked, message, source.MainFile, node.Start.Line, node.Start.Column);
    }

    /// <summary>A type spelling that can be written in a cast here: not an anonymous struct's made-up name, no <c>typeof</c>.</summary>
    private static bool IsSpellable(string spelling) => spelling.Length > 0 && !spelling.Contains("(unnamed", StringComparison.Ordinal)
        && !spelling.Contains("(anonymous", StringComparison.Ordinal) && !spelling.Contains("typeof", StringComparison.Ordinal);

    private static string? TagOf(CType type) => type switch
    {
        CRecordType record => record.Name,
        CEnumType enumeration => enumeration.Name,
        _ => null,
    };

    private static SyntaxNode StripParentheses(SyntaxNode node)
    {
        while (node.Kind == SyntaxKind.Parenthesized && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }

    /// <summary>Through parentheses and implicit conversions.</summary>
    private static SyntaxNode Strip(SyntaxNode node)
    {
        while (node.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }
}
