// Resolving the C type names of the allocator configuration's `type:` in one file.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Resolves a configured element type (<c>type: char</c>, <c>type: struct foo</c>, <c>type: my_t *</c>) in one file: built-in
/// types directly, tags and typedef names through the type references of the file's own code (the configuration names a type
/// the file uses; one it never mentions cannot be described here and stays null).
/// </summary>
internal sealed class ConfiguredTypes(ParsedSource source)
{
    private readonly Dictionary<string, CType?> resolved = new(StringComparer.Ordinal);
    private Dictionary<string, CType>? named;

    /// <summary>The type <paramref name="name"/> (as normalised by the configuration reader) denotes here, or null.</summary>
    public CType? Resolve(string name)
    {
        if (!resolved.TryGetValue(name, out CType? type))
        {
            type = Read(name);
            resolved.Add(name, type);
        }

        return type;
    }

    private CType? Read(string name)
    {
        List<string> words = [.. name.Replace("*", " * ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        int firstStar = words.IndexOf("*");
        List<string> specifiers = firstStar < 0 ? words : words[..firstStar];
        var references = new List<CType>();
        if ((specifiers.Count == 2 && specifiers[0] is "struct" or "union" or "enum") || (specifiers.Count == 1 && !IsBuiltinWord(specifiers[0])))
        {
            named ??= NamedTypes();
            if (!named.TryGetValue(string.Join(' ', specifiers), out CType? reference))
            {
                return null;
            }

            references.Add(reference);
        }

        return SizeofTypeName.Parse(["sizeof", "(", .. words, ")"], references, source.DataModel);
    }

    /// <summary>Every tag and typedef name the file's declarations refer to, with the type it denotes.</summary>
    private Dictionary<string, CType> NamedTypes()
    {
        var types = new Dictionary<string, CType>(StringComparer.Ordinal);
        foreach (SyntaxNode node in source.Declarations.SelectMany(d => d.DescendantsAndSelf()))
        {
            if (node.Kind == SyntaxKind.TypeReference && node.Spelling.Length > 0 && node.Type is CType type)
            {
                types.TryAdd(node.Spelling, type);
            }
        }

        return types;
    }

    private static bool IsBuiltinWord(string word) => word is "void" or "char" or "short" or "int" or "long" or "float" or "double" or "signed"
        or "unsigned" or "_Bool" or "bool";
}
