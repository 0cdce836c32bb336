// Listing the definitions for the translation unit's statics table.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Statics;

/// <summary>
/// Lists the functions and file-scope variables the main file defines, static or not, for the
/// translation unit's table of statics. Not listed: extern declarations, thread-local variables
/// (their address differs per thread), block-scope statics (<see cref="LocalStaticsFinder"/> describes
/// those beside their declarations), and non-static inline functions, whose C99 inline definition
/// provides no symbol that taking the address could refer to.
/// </summary>
internal static class StaticsFinder
{
    /// <summary>
    /// The definitions in source order, each name once. Of several declarations of one variable the
    /// one with an initialiser, else the last, supplies the type (a later one may complete an array).
    /// </summary>
    public static List<StaticDefinition> Find(ParsedSource source)
    {
        var order = new List<string>();
        var chosen = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        var bounded = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxNode declaration in source.Declarations)
        {
            if (declaration.Spelling.Length == 0 || !Defines(declaration))
            {
                continue;
            }

            if (SpellsBound(declaration))
            {
                bounded.Add(declaration.Spelling);
            }

            if (!chosen.TryGetValue(declaration.Spelling, out SyntaxNode? earlier))
            {
                order.Add(declaration.Spelling);
                chosen.Add(declaration.Spelling, declaration);
            }
            else if (!earlier.IsDefinition)
            {
                chosen[declaration.Spelling] = declaration;
            }
        }

        var statics = new List<StaticDefinition>();
        foreach (string name in order)
        {
            SyntaxNode declaration = chosen[name];
            if (declaration.Type is CType type)
            {
                bool isFunction = declaration.Kind == SyntaxKind.FunctionDeclaration;
                statics.Add(new StaticDefinition(name, type, isFunction, !isFunction && type is CArrayType && !bounded.Contains(name)));
            }
        }

        return statics;
    }

    /// <summary>
    /// Whether a declaration gives its object a size: anything but an array declarator with empty brackets and no initialiser (<c>int arr[]</c>, whose
    /// type clang reports completed to one element after the fact). A declaration whose tokens cannot be read is taken to give none.
    /// </summary>
    private static bool SpellsBound(SyntaxNode declaration)
    {
        if (declaration.Kind != SyntaxKind.VariableDeclaration || declaration.Type is not CArrayType || declaration.IsDefinition)
        {
            return true;
        }

        if (declaration.Tokens is not { } tokens)
        {
            return false;
        }

        int name = tokens.ToList().IndexOf(declaration.Spelling);
        return name < 0 || name + 2 >= tokens.Count || tokens[name + 1] != "[" || tokens[name + 2] != "]";
    }

    private static bool Defines(SyntaxNode declaration) => declaration.Kind switch
    {
        SyntaxKind.FunctionDeclaration => declaration.IsDefinition && (!declaration.IsInline || declaration.StorageClass == StorageClass.Static),
        // A file-scope variable without extern is at least a tentative definition; clang only
        // calls it a definition when it has an initialiser.
        SyntaxKind.VariableDeclaration => !declaration.IsThreadLocal && declaration.StorageClass != StorageClass.Register
            && (declaration.IsDefinition || declaration.StorageClass != StorageClass.Extern),
        _ => false,
    };
}
