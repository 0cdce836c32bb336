// Listing the definitions for the translation unit's statics table.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Statics;

/// <summary>
/// Lists the functions and file-scope variables the main file defines, static or not, for the
/// translation unit's table of statics. Not listed: extern declarations, thread-local variables
/// (their address differs per thread), block-scope statics (<see cref="LocalStaticsFinder"/> describes
/// those beside their declarations), and non-static inline functions, whose C99 inline definition
/// provides no symbol that taking the address could refer to. Nor are internal definitions (static, or inline) the compiler has no
/// reason to emit: the table takes each entry's address, so listing an unused <c>static inline</c> function would force its code, and
/// the undefined functions it calls, into the link; and no pointer can ever point to what nothing refers to.
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

        (HashSet<int> emitted, HashSet<int> addressTaken) = Reachability(source);
        var statics = new List<StaticDefinition>();
        foreach (string name in order)
        {
            SyntaxNode declaration = chosen[name];
            if (IsInternal(declaration) && declaration.DeclarationId is int id
                && !(declaration.Kind == SyntaxKind.FunctionDeclaration ? addressTaken : emitted).Contains(id))
            {
                continue;
            }

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

    /// <summary>Whether the compiler emits <paramref name="declaration"/> only when something refers to it.</summary>
    private static bool IsInternal(SyntaxNode declaration) =>
        declaration.StorageClass == StorageClass.Static || (declaration.Kind == SyntaxKind.FunctionDeclaration && declaration.IsInline);

    /// <summary>
    /// Which entities (declaration ids) of the main file the compiler emits, as gcc decides: every external definition, every internal
    /// one marked used, placed in a named section or run as a constructor, and whatever those refer to, transitively; and which
    /// emitted functions have their address taken (referred to other than as the callee of a call). References from other files'
    /// text are not seen.
    /// </summary>
    private static (HashSet<int> Emitted, HashSet<int> AddressTaken) Reachability(ParsedSource source)
    {
        var references = new Dictionary<int, List<(int Id, bool IsCallee)>>();
        var pending = new Stack<int>();
        var emitted = new HashSet<int>();
        foreach (SyntaxNode declaration in source.Declarations)
        {
            if (declaration.DeclarationId is not int id)
            {
                continue;
            }

            if (!references.TryGetValue(id, out List<(int Id, bool IsCallee)>? list))
            {
                list = [];
                references.Add(id, list);
            }

            CollectReferences(declaration, list);
            bool root = (declaration.IsDefinition || declaration.Kind == SyntaxKind.VariableDeclaration)
                && declaration.StorageClass != StorageClass.Extern && (!IsInternal(declaration) || IsKeptByAttribute(declaration));
            if (root && emitted.Add(id))
            {
                pending.Push(id);
            }
        }

        var addressTaken = new HashSet<int>();
        while (pending.Count > 0)
        {
            foreach ((int target, bool isCallee) in references.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (!isCallee)
                {
                    addressTaken.Add(target);
                }

                if (emitted.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return (emitted, addressTaken);
    }

    private static void CollectReferences(SyntaxNode node, List<(int Id, bool IsCallee)> references)
    {
        if (node.Kind == SyntaxKind.DeclarationReference && node.DeclarationId is int id)
        {
            references.Add((id, IsCallee(node)));
        }

        foreach (SyntaxNode child in node.Children)
        {
            CollectReferences(child, references);
        }
    }

    /// <summary>Whether <paramref name="reference"/> is what a call calls (<c>f(x)</c>, <c>(f)(x)</c>), which takes no address the program can keep.</summary>
    private static bool IsCallee(SyntaxNode reference)
    {
        SyntaxNode node = reference;
        while (node.Parent is { Kind: SyntaxKind.ImplicitExpression or SyntaxKind.Parenthesized } parent)
        {
            node = parent;
        }

        return node.Parent is { Kind: SyntaxKind.Call } call && call.Children.Count > 0 && ReferenceEquals(call.Children[0], node);
    }

    /// <summary>
    /// Whether an attribute before the body or initialiser makes gcc keep an internal definition nothing refers to: <c>used</c>, a
    /// <c>section</c> (linker sets reached through <c>__start_SECTION</c>), <c>constructor</c>, <c>destructor</c>, also inside a macro's
    /// name (<c>__attribute_used__</c>).
    /// </summary>
    private static readonly string[] KeepingWords = ["used", "section", "constructor", "destructor"];

    private static bool IsKeptByAttribute(SyntaxNode declaration)
    {
        foreach (string token in declaration.Tokens ?? [])
        {
            if (token is "{" or "=" or ";")
            {
                return false;
            }

            // Spelled directly, or through a macro named after it (glibc's __attribute_used__).
            if (token is "used" or "__used__" or "section" or "__section__" or "constructor" or "__constructor__" or "destructor"
                or "__destructor__"
                || (token.StartsWith("__attribute", StringComparison.Ordinal) && KeepingWords.Any(w => token.Contains(w, StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
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
