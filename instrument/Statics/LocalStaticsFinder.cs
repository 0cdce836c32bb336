// Listing the block-scope static variables that get descriptors.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Statics;

/// <summary>
/// Lists the <c>static</c> variables declared inside function bodies (<c>static long counter;</c>).
/// The runtime finds their storage through their ELF symbols (<c>counter.0</c>) but not their
/// types, and the statics table cannot name them at file scope; so each gets a descriptor declared
/// just after its declaration, where the name is in scope. Thread-local ones are left out (their
/// address differs per thread), and so are those whose declaration comes from a macro or is not
/// directly in a block.
/// </summary>
internal static class LocalStaticsFinder
{
    /// <summary>The block-scope statics of every function defined in <paramref name="source"/>, numbered from 0 in source order.</summary>
    public static List<LocalStatic> Find(ParsedSource source, DiagnosticBag diagnostics)
    {
        var statics = new List<LocalStatic>();
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind != SyntaxKind.FunctionDeclaration || !function.IsDefinition
                || function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is not SyntaxNode body)
            {
                continue;
            }

            foreach (SyntaxNode variable in body.DescendantsAndSelf())
            {
                if (variable.Kind != SyntaxKind.VariableDeclaration || variable.StorageClass != StorageClass.Static || variable.IsThreadLocal
                    || variable.Spelling.Length == 0 || variable.Type is not CType type)
                {
                    continue;
                }

                SyntaxNode? statement = variable.Parent;
                if (statement?.Kind != SyntaxKind.DeclarationStatement || statement.Parent?.Kind != SyntaxKind.CompoundStatement)
                {
                    NotDescribed(source, variable, "its declaration is not directly in a block", diagnostics);
                    continue;
                }

                if (!statement.Start.IsRewritable || !statement.End.IsRewritable)
                {
                    NotDescribed(source, variable, "its declaration comes from a macro", diagnostics);
                    continue;
                }

                statics.Add(new LocalStatic(statics.Count, variable.Spelling, type, function.Spelling, statement.End.Offset));
            }
        }

        return statics;
    }

    private static void NotDescribed(ParsedSource source, SyntaxNode variable, string reason, DiagnosticBag diagnostics) =>
        diagnostics.Add(DiagnosticDescriptors.LocalStaticNotDescribed, $"static '{variable.Spelling}' gets no type descriptor: {reason}", source.MainFile,
            variable.Location.Line, variable.Location.Column);
}
