// Following an integer local variable back to the expression stored into it, within one function.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Follows a size held in an integer local (<c>size_t n = count * sizeof(struct foo); ... malloc(n)</c>) back to the expression
/// stored into it, so the size's type can be read from there. Deliberately simple, so it is never wrong: a local whose address is
/// taken is never followed; one whose only store is its initialiser gives the initialiser; otherwise only the last plain assignment
/// in the same block, before the statement that reads it, counts, and only when nothing between them stores into the variable or
/// is a label a jump could enter by. Anything else gives up.
/// </summary>
internal sealed class LocalDefinitions
{
    private readonly Dictionary<int, SyntaxNode> declarations = [];
    private readonly Dictionary<int, List<SyntaxNode>> writes = [];
    private readonly HashSet<int> addressTaken = [];

    /// <summary>Reads the locals of <paramref name="function"/> (a definition) and every store into them.</summary>
    public LocalDefinitions(SyntaxNode function)
    {
        foreach (SyntaxNode node in function.DescendantsAndSelf())
        {
            switch (node.Kind)
            {
                case SyntaxKind.VariableDeclaration when node.DeclarationId is int id && node.Parent?.Kind == SyntaxKind.DeclarationStatement
                    && node.StorageClass is not (StorageClass.Static or StorageClass.Extern) && node.Type is CBuiltinType { IsInteger: true }:
                    declarations[id] = node;
                    break;
                case SyntaxKind.BinaryOperator when node.BinaryOperator == BinaryOperatorKind.Assign && node.Children.Count == 2:
                case SyntaxKind.CompoundAssignment when node.Children.Count == 2:
                    AddWrite(node.Children[0], node);
                    break;
                case SyntaxKind.UnaryOperator when node.UnaryOperator is UnaryOperatorKind.Increment or UnaryOperatorKind.Decrement && node.Children.Count == 1:
                    AddWrite(node.Children[0], node);
                    break;
                case SyntaxKind.UnaryOperator when node.UnaryOperator == UnaryOperatorKind.AddressOf && node.Children.Count == 1
                    && Variable(node.Children[0]) is int taken:
                    addressTaken.Add(taken);
                    break;
            }
        }
    }

    /// <summary>
    /// What the local that <paramref name="reference"/> names holds when read at <paramref name="use"/> (a node inside the function),
    /// or null when it is not an integer local or the value cannot be known for sure.
    /// </summary>
    public LocalValue? ValueAt(SyntaxNode reference, SyntaxNode use)
    {
        if (Variable(reference) is not int id || !declarations.TryGetValue(id, out SyntaxNode? declaration) || addressTaken.Contains(id))
        {
            return null;
        }

        List<SyntaxNode> stores = writes.GetValueOrDefault(id) ?? [];
        if (stores.Count == 0)
        {
            return declaration.Initializer is SyntaxNode initializer
                ? new LocalValue(declaration.Spelling, initializer, declaration, declaration.Location.Line)
                : null;
        }

        // The statement holding the use, and the block it is a statement of.
        SyntaxNode statement = use;
        while (statement.Parent is SyntaxNode parent && parent.Kind != SyntaxKind.CompoundStatement)
        {
            statement = parent;
        }

        if (statement.Parent is not SyntaxNode block || IsJumpTarget(statement) || stores.Exists(s => IsWithin(s, statement)))
        {
            return null;
        }

        for (int i = IndexOf(block, statement) - 1; i >= 0; i--)
        {
            SyntaxNode before = block.Children[i];
            if (IsJumpTarget(before) || before.DescendantsAndSelf().Any(IsJumpTarget))
            {
                return null;
            }

            if (stores.Exists(s => IsWithin(s, before)))
            {
                SyntaxNode assignment = StripParentheses(before);
                return assignment.Kind == SyntaxKind.BinaryOperator && assignment.BinaryOperator == BinaryOperatorKind.Assign
                    && stores.Contains(assignment) && !stores.Exists(s => s != assignment && IsWithin(s, assignment))
                    ? new LocalValue(declaration.Spelling, assignment.Children[1], assignment, assignment.Start.Line)
                    : null;
            }

            if (IsWithin(declaration, before))
            {
                return declaration.Initializer is SyntaxNode initializer
                    ? new LocalValue(declaration.Spelling, initializer, declaration, declaration.Location.Line)
                    : null;
            }
        }

        return null;
    }

    private void AddWrite(SyntaxNode target, SyntaxNode write)
    {
        if (Variable(target) is int id)
        {
            if (!writes.TryGetValue(id, out List<SyntaxNode>? list))
            {
                list = [];
                writes.Add(id, list);
            }

            list.Add(write);
        }
    }

    /// <summary>The variable an lvalue names directly (through parentheses and implicit conversions), or null.</summary>
    private static int? Variable(SyntaxNode node)
    {
        SyntaxNode n = node;
        while (n.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression && n.Children.Count == 1)
        {
            n = n.Children[0];
        }

        return n.Kind == SyntaxKind.DeclarationReference ? n.DeclarationId : null;
    }

    private static bool IsJumpTarget(SyntaxNode node) => node.Kind is SyntaxKind.LabelStatement or SyntaxKind.CaseStatement or SyntaxKind.DefaultStatement;

    private static bool IsWithin(SyntaxNode node, SyntaxNode ancestor)
    {
        for (SyntaxNode? n = node; n is not null; n = n.Parent)
        {
            if (n == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(SyntaxNode parent, SyntaxNode child)
    {
        for (int i = 0; i < parent.Children.Count; i++)
        {
            if (parent.Children[i] == child)
            {
                return i;
            }
        }

        return -1;
    }

    private static SyntaxNode StripParentheses(SyntaxNode node)
    {
        while (node.Kind == SyntaxKind.Parenthesized && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }
}
