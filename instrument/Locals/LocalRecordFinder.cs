// Choosing the locals and parameters that get stack records.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Locals;

/// <summary>
/// Chooses the parameters and automatic locals whose memory the program can reach through a
/// pointer, so that each gets a stack record: those whose address is taken (<c>&amp;x</c>,
/// <c>&amp;x.f</c>, <c>&amp;x[i]</c> on an array), arrays (they decay to pointers), and structs or
/// unions one of whose array members is used. <c>static</c>, <c>extern</c> and <c>register</c>
/// variables never get one.
/// </summary>
internal static class LocalRecordFinder
{
    /// <summary>The locals of every function defined in <paramref name="source"/> that get records, numbered from 0.</summary>
    public static List<LocalVariable> Find(ParsedSource source, DiagnosticBag diagnostics)
    {
        var locals = new List<LocalVariable>();
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind == SyntaxKind.FunctionDeclaration && function.IsDefinition
                && function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is SyntaxNode body)
            {
                FindInFunction(source, function, body, locals, diagnostics);
            }
        }

        return locals;
    }

    private static void FindInFunction(ParsedSource source, SyntaxNode function, SyntaxNode body, List<LocalVariable> locals,
        DiagnosticBag diagnostics)
    {
        var addressTaken = new HashSet<int>();
        foreach (SyntaxNode node in body.DescendantsAndSelf())
        {
            bool escapes = (node.Kind == SyntaxKind.UnaryOperator && node.UnaryOperator == UnaryOperatorKind.AddressOf && node.Children.Count == 1)
                || (node.Kind == SyntaxKind.MemberReference && node.Type is CArrayType);
            if (escapes && RootVariable(node.Kind == SyntaxKind.UnaryOperator ? node.Children[0] : node) is int id)
            {
                addressTaken.Add(id);
            }
        }

        int frameAt = body.Start.Offset + 1;
        int slots = 0;
        bool Needed(SyntaxNode variable) =>
            (variable.DeclarationId is int id && addressTaken.Contains(id)) || variable.Type is CArrayType;

        foreach (SyntaxNode parameter in function.Children.Where(c => c.Kind == SyntaxKind.ParameterDeclaration))
        {
            if (parameter.StorageClass == StorageClass.Register || parameter.Spelling.Length == 0 || !Needed(parameter)
                || parameter.Type is not CType type)
            {
                continue;
            }

            if (!body.Start.IsRewritable || !parameter.Location.IsRewritable)
            {
                NotRecorded(source, parameter, "its declaration or the function body comes from a macro", diagnostics);
                continue;
            }

            locals.Add(new LocalVariable(locals.Count, parameter.Spelling, type, function.Spelling, parameter.Location.Line,
                parameter.Location.Column, IsParameter: true, frameAt, frameAt, slots++, IsVariableLength: false, ScopeEnd: null));
        }

        JumpTargets? jumps = null;
        foreach (SyntaxNode variable in body.DescendantsAndSelf())
        {
            if (variable.Kind != SyntaxKind.VariableDeclaration || variable.StorageClass is not (StorageClass.None or StorageClass.Auto)
                || !Needed(variable) || variable.Type is not CType type)
            {
                continue;
            }

            SyntaxNode? statement = variable.Parent;
            SyntaxNode? block = statement?.Parent;
            if (statement?.Kind != SyntaxKind.DeclarationStatement || block is null)
            {
                continue;
            }

            if (block.Kind == SyntaxKind.ForStatement)
            {
                NotRecorded(source, variable, "it is declared in a for-loop initialiser", diagnostics);
                continue;
            }

            if (block.Kind != SyntaxKind.CompoundStatement)
            {
                NotRecorded(source, variable, "its declaration is not directly in a block", diagnostics);
                continue;
            }

            if (!statement.Start.IsRewritable || !statement.End.IsRewritable || !variable.Location.IsRewritable)
            {
                NotRecorded(source, variable, "its declaration comes from a macro", diagnostics);
                continue;
            }

            if (!body.Start.IsRewritable)
            {
                NotRecorded(source, variable, "the function body's opening brace comes from a macro (its frame goes there)", diagnostics);
                continue;
            }

            bool variableLength = IsVariablyModified(type);
            (int, int)? scopeEnd = null;
            if (block != body)
            {
                jumps ??= new JumpTargets(body);
                // gcc rejects a jump into a VLA's scope, so a VLA's block end always gets its cleanup.
                if (variableLength || !jumps.CanJumpPast(statement.Start.Offset, statement.End.Offset, block.End.Offset))
                {
                    scopeEnd = (block.End.Line, Math.Max(1, block.End.Column - 1));
                }
            }

            locals.Add(new LocalVariable(locals.Count, variable.Spelling, type, function.Spelling, variable.Location.Line,
                variable.Location.Column, IsParameter: false, statement.End.Offset, frameAt, slots++, variableLength, scopeEnd));
        }
    }

    /// <summary>
    /// The variable an lvalue designates storage in: through parentheses, <c>.</c> member accesses
    /// and subscripts of arrays (not of pointers, and not through <c>-&gt;</c>, whose storage is elsewhere).
    /// </summary>
    private static int? RootVariable(SyntaxNode expression)
    {
        for (SyntaxNode? node = expression; node is not null;)
        {
            switch (node.Kind)
            {
                case SyntaxKind.DeclarationReference:
                    return node.DeclarationId;
                case SyntaxKind.Parenthesized:
                case SyntaxKind.ImplicitExpression:
                    node = node.Children.Count == 1 ? node.Children[0] : null;
                    break;
                case SyntaxKind.UnaryOperator when node.UnaryOperator == UnaryOperatorKind.Extension:
                    node = node.Children.Count == 1 ? node.Children[0] : null;
                    break;
                case SyntaxKind.MemberReference:
                    SyntaxNode? record = node.Children.FirstOrDefault();
                    node = record is null || record.Type is CPointerType ? null : record;
                    break;
                case SyntaxKind.ArraySubscript:
                    SyntaxNode? array = node.Children.Count == 2 ? WithoutConversions(node.Children[0]) : null;
                    node = array?.Type is CArrayType ? array : null;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsVariablyModified(CType type) =>
        type is CArrayType array && (array.Length == ArrayLength.Variable || IsVariablyModified(array.Element));

    private static SyntaxNode WithoutConversions(SyntaxNode node)
    {
        while (node.Kind is SyntaxKind.ImplicitExpression or SyntaxKind.Parenthesized && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }

    private static void NotRecorded(ParsedSource source, SyntaxNode variable, string reason, DiagnosticBag diagnostics) =>
        diagnostics.Add(DiagnosticDescriptors.LocalNotRecorded, $"'{variable.Spelling}' gets no stack record: {reason}", source.MainFile,
            variable.Location.Line, variable.Location.Column);
}
