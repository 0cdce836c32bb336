// The merged allocator configuration: every allocator and function allocscc instruments.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Allocators;

/// <summary>
/// The allocator configuration in force: the built-in file (instrument/allocators.yaml) merged with
/// the user's. It is the one place that says which functions allocate, free or release, and how;
/// allocation sites, alloca tracking, suballocator rewrites and the "allocator code" whose casts go
/// unchecked all come from it.
/// </summary>
internal sealed class AllocatorConfiguration
{
    private readonly Dictionary<string, AllocatorFunction> functions;

    private AllocatorConfiguration(IReadOnlyList<AllocatorDefinition> allocators)
    {
        Allocators = allocators;
        functions = allocators.SelectMany(a => a.Functions.Select(f => f with { Header = HeaderBelow(a, allocators) }))
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        StackFunctions = new HashSet<string>(allocators.Where(a => a.Kind == AllocatorKind.Stack).SelectMany(a => a.Functions).Select(f => f.Name),
            StringComparer.Ordinal);
    }

    /// <summary>The bytes before an object of <paramref name="allocator"/> in its heap chunk: its header and those of the wrappers it wraps
    /// (the chain is known to end at the heap: <see cref="CheckWrapped"/>).</summary>
    private static int HeaderBelow(AllocatorDefinition allocator, IReadOnlyList<AllocatorDefinition> allocators)
    {
        int header = 0;
        for (AllocatorDefinition? a = allocator; a is { Kind: AllocatorKind.Wrapper }; a = allocators.FirstOrDefault(w => w.Name == a.Of))
        {
            header += a.Header;
        }

        return header;
    }

    /// <summary>Every allocator, built-in ones first (in the order written, a replaced one in its built-in place), then the user's new ones.</summary>
    public IReadOnlyList<AllocatorDefinition> Allocators { get; }

    /// <summary>The functions of stack allocators (<c>alloca</c>'s spellings).</summary>
    public IReadOnlySet<string> StackFunctions { get; }

    /// <summary>The configured function called <paramref name="name"/>, or null when calls to it are not instrumented.</summary>
    public AllocatorFunction? Find(string name) => functions.GetValueOrDefault(name);

    /// <summary>
    /// Whether the body of the function called <paramref name="name"/> is allocator code: any configured function's body. Casts there
    /// are not checked (an allocator handles memory whose type is not yet, or no longer, what its pointers say).
    /// </summary>
    public bool IsAllocatorCode(string name) => functions.ContainsKey(name);

    /// <summary>
    /// The configured function that the definition or call <paramref name="node"/> names (<paramref name="name"/>: the function's own
    /// name, or the callee's), or null. A macro may rename a function for its definition and the calls that follow it (libxml2 defines
    /// <c>xmlMemFree</c> as <c>xmlMemFree__internal_alias</c> inside the library): then the name written in the source, the macro's,
    /// is the configured one. <paramref name="text"/> holds the main file's bytes.
    /// </summary>
    public AllocatorFunction? Find(string name, SyntaxNode node, byte[] text) =>
        Find(name) ?? (WrittenName(node, text) is string written && written != name ? Find(written) : null);

    /// <summary><see cref="IsAllocatorCode(string)"/> for the function defined by <paramref name="definition"/>, by its name or the
    /// macro name it is written as (<see cref="Find(string, SyntaxNode, byte[])"/>).</summary>
    public bool IsAllocatorCode(SyntaxNode definition, byte[] text) => Find(definition.Spelling, definition, text) is not null;

    /// <summary>The macro name written in the main file where the name of <paramref name="node"/> (a declaration's, or a call's
    /// callee) comes from a macro's body: the renaming macro's; null when the name is spelled in place or in a macro argument
    /// (<c>xstrdup(get())</c>: <c>get</c> is written as itself), or the expansion is not in the main file. A callee renamed inside a
    /// larger macro's body is named by that macro here, so it is not matched.</summary>
    private static string? WrittenName(SyntaxNode node, byte[] text)
    {
        SourcePosition at = node.Kind == SyntaxKind.Call ? (node.Children.FirstOrDefault() ?? node).Start : node.Location;
        if (!at.InMacro || at.InMacroArgument || !at.InMainFile || at.Offset < 0 || at.Offset >= text.Length)
        {
            return null;
        }

        int end = at.Offset;
        while (end < text.Length && (char.IsAsciiLetterOrDigit((char)text[end]) || text[end] == (byte)'_'))
        {
            end++;
        }

        return end > at.Offset ? System.Text.Encoding.ASCII.GetString(text, at.Offset, end - at.Offset) : null;
    }

    /// <summary>
    /// Merges configuration files in order (the built-in one first): an allocator replaces the earlier one of the same name. Then checks
    /// what needs the whole: a function belongs to one allocator only, and a wrapper's <c>of</c> names a heap allocator or a wrapper of one.
    /// Throws <see cref="AllocatorConfigurationException"/> at the first problem, placed in the file that caused it.
    /// </summary>
    public static AllocatorConfiguration Merge(IEnumerable<IReadOnlyList<AllocatorDefinition>> layers)
    {
        var merged = new List<AllocatorDefinition>();
        var layerOf = new Dictionary<AllocatorDefinition, int>(ReferenceEqualityComparer.Instance);
        int layerIndex = -1;
        foreach (IReadOnlyList<AllocatorDefinition> layer in layers)
        {
            layerIndex++;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (AllocatorDefinition allocator in layer)
            {
                if (!seen.Add(allocator.Name))
                {
                    throw new AllocatorConfigurationException(allocator.Place, $"allocator '{allocator.Name}' is defined twice in this file");
                }

                layerOf[allocator] = layerIndex;
                int existing = merged.FindIndex(a => a.Name == allocator.Name);
                if (existing >= 0)
                {
                    merged[existing] = allocator;
                }
                else
                {
                    merged.Add(allocator);
                }
            }
        }

        CheckFunctionsAreUnique(merged, layerOf);
        foreach (AllocatorDefinition wrapper in merged.Where(a => a.Kind == AllocatorKind.Wrapper))
        {
            CheckWrapped(wrapper, merged);
        }

        return new AllocatorConfiguration(merged);
    }

    private static void CheckFunctionsAreUnique(List<AllocatorDefinition> allocators, Dictionary<AllocatorDefinition, int> layerOf)
    {
        var owners = new Dictionary<string, AllocatorFunction>(StringComparer.Ordinal);
        // The definition of the later file is the one to blame: it was added to a configuration that worked.
        foreach (AllocatorFunction function in allocators.OrderBy(a => layerOf[a]).SelectMany(a => a.Functions))
        {
            if (owners.TryGetValue(function.Name, out AllocatorFunction? owner))
            {
                throw new AllocatorConfigurationException(function.Place,
                    $"function '{function.Name}' is already in allocator '{owner.Instance}' ({owner.Place}); a function belongs to one allocator only"
                    + (owner.Place.File == function.Place.File ? "" : $" (to move it, redefine allocator '{owner.Instance}' without it)"));
            }

            owners.Add(function.Name, function);
        }
    }

    /// <summary>A wrapper's chunks are its allocator's: sited like the heap's, so it must wrap the heap, directly or through other wrappers.</summary>
    private static void CheckWrapped(AllocatorDefinition wrapper, List<AllocatorDefinition> allocators)
    {
        var chain = new List<string> { wrapper.Name };
        AllocatorDefinition current = wrapper;
        while (current.Kind == AllocatorKind.Wrapper)
        {
            AllocatorDefinition? wrapped = allocators.Find(a => a.Name == current.Of);
            if (wrapped is null)
            {
                throw new AllocatorConfigurationException(current.OfPlace, $"wrapper '{current.Name}' wraps '{current.Of}', which is no allocator");
            }

            if (chain.Contains(wrapped.Name))
            {
                throw new AllocatorConfigurationException(wrapper.OfPlace, $"wrapper '{wrapper.Name}' wraps itself ({string.Join(" -> ", chain)} -> {wrapped.Name})");
            }

            chain.Add(wrapped.Name);
            current = wrapped;
        }

        if (current.Kind != AllocatorKind.Heap)
        {
            string kind = current.Kind.ToString().ToLowerInvariant();
            throw new AllocatorConfigurationException(wrapper.OfPlace,
                $"wrapper '{wrapper.Name}' wraps '{current.Name}', a {kind}: only the heap (malloc) and its wrappers can be wrapped"
                + (current.Kind == AllocatorKind.Suballocator ? $" (describe the functions of '{wrapper.Name}' in suballocator '{current.Name}' instead)" : ""));
        }
    }
}
