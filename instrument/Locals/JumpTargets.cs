// Where gotos and switches can jump, so the scope-end cleanup of a local's record is never jumped past.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Locals;

/// <summary>
/// The jumps of one function body (goto, computed goto, switch to case/default), to decide whether
/// a declaration may be followed by its record's scope-end cleanup. The cleanup would run on garbage
/// if a jump entered its scope past its initialisation; gcc 12 compiles such a jump silently
/// (clang rejects it), so allocscc must not create one.
/// </summary>
internal sealed class JumpTargets
{
    private readonly List<(string Name, int Offset)> labels = [];
    private readonly List<(int Offset, int SwitchStart)> cases = [];
    private readonly Dictionary<string, List<int>> gotos = new(StringComparer.Ordinal);
    private readonly HashSet<string> addressTakenLabels = new(StringComparer.Ordinal);

    /// <summary>Collects the labels and jumps in <paramref name="body"/>.</summary>
    public JumpTargets(SyntaxNode body)
    {
        foreach (SyntaxNode node in body.DescendantsAndSelf())
        {
            switch (node.Kind)
            {
                case SyntaxKind.LabelStatement:
                    labels.Add((node.Spelling, node.Start.Offset));
                    break;
                case SyntaxKind.CaseStatement or SyntaxKind.DefaultStatement:
                    cases.Add((node.Start.Offset, node.Ancestor(SyntaxKind.SwitchStatement)?.Start.Offset ?? -1));
                    break;
                case SyntaxKind.GotoStatement when node.Children.FirstOrDefault(c => c.Kind == SyntaxKind.LabelReference) is SyntaxNode label:
                    if (!gotos.TryGetValue(label.Spelling, out List<int>? sources))
                    {
                        sources = [];
                        gotos.Add(label.Spelling, sources);
                    }

                    sources.Add(node.Start.Offset);
                    break;
                case SyntaxKind.LabelAddress when node.Children.FirstOrDefault(c => c.Kind == SyntaxKind.LabelReference) is SyntaxNode taken:
                    addressTakenLabels.Add(taken.Spelling);
                    break;
            }
        }
    }

    /// <summary>
    /// Whether some jump can land in [<paramref name="declarationEnd"/>, <paramref name="blockEnd"/>)
    /// (after a declaration, inside its block) from outside the declared variable's scope: a goto from
    /// before the declaration or beyond the block, any label whose address is taken, or a case or
    /// default label of a switch that starts before the declaration.
    /// </summary>
    public bool CanJumpPast(int declarationStart, int declarationEnd, int blockEnd)
    {
        foreach ((string name, int offset) in labels)
        {
            if (offset < declarationEnd || offset >= blockEnd)
            {
                continue;
            }

            if (addressTakenLabels.Contains(name)
                || (gotos.TryGetValue(name, out List<int>? sources) && sources.Exists(s => s < declarationStart || s >= blockEnd)))
            {
                return true;
            }
        }

        return cases.Exists(c => c.Offset >= declarationEnd && c.Offset < blockEnd && c.SwitchStart < declarationStart);
    }
}
