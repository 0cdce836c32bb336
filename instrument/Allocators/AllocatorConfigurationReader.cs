// Reading one allocator configuration file (allocators.yaml) and checking what it says on its own.
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Liballocs.Instrument.Allocators;

/// <summary>
/// Reads one allocator configuration file (the format is documented at the top of
/// instrument/allocators.yaml) into <see cref="AllocatorDefinition"/>s, checking everything one
/// file can say wrong on its own: YAML syntax, unknown keys and kinds, argument indexes, roles and
/// whether they fit the kind. What needs the merged configuration (a wrapper's <c>of</c>, a
/// function in two allocators) is checked by <see cref="AllocatorConfiguration.Merge"/>.
/// Only the YAML representation model is used: it needs no reflection, so allocscc stays AOT-clean.
/// </summary>
internal static class AllocatorConfigurationReader
{
    /// <summary>How YamlDotNet starts the message of a mapping with a key given twice.</summary>
    private const string DuplicateKey = "Duplicate key ";

    private static readonly string[] AllocatorKeys = ["kind", "of", "header", "functions"];

    private static readonly string[] FunctionKeys = ["size", "count", "reallocates", "string", "result_in", "type", "arena", "frees", "releases", "queries"];

    /// <summary>The names a stack allocator's functions may have: the call is replaced by a tracked <c>__builtin_alloca</c>.</summary>
    public static readonly IReadOnlyList<string> AllocaSpellings = ["alloca", "__builtin_alloca"];

    /// <summary>
    /// The allocators <paramref name="text"/> (the contents of <paramref name="file"/>) defines, in order.
    /// Throws <see cref="AllocatorConfigurationException"/> at the first problem.
    /// </summary>
    public static List<AllocatorDefinition> Read(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string message = Unwrap(e.Message);
            throw new AllocatorConfigurationException(new ConfigurationPlace(file, (int)e.Start.Line),
                message.StartsWith(DuplicateKey, StringComparison.Ordinal) ? $"the key '{message[DuplicateKey.Length..]}' is given twice" : $"not valid YAML: {message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AllocatorConfigurationException(new ConfigurationPlace(file, 0), $"not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new AllocatorConfigurationException(new ConfigurationPlace(file, stream.Documents.Count == 0 ? 1 : (int)stream.Documents[1].RootNode.Start.Line),
                stream.Documents.Count == 0 ? "the file is empty: expected 'allocators:'" : "expected one YAML document, found several");
        }

        YamlNode root = stream.Documents[0].RootNode;
        YamlMappingNode top = root as YamlMappingNode
            ?? throw new AllocatorConfigurationException(Place(file, root), "expected a mapping with the key 'allocators'");
        var definitions = new List<AllocatorDefinition>();
        foreach ((YamlNode key, YamlNode value) in top.Children)
        {
            string name = KeyName(file, key);
            if (name != "allocators")
            {
                throw new AllocatorConfigurationException(Place(file, key), $"unknown key '{name}' (the file holds one mapping, 'allocators')");
            }

            if (IsEmpty(value))
            {
                continue; // `allocators:` with nothing under it: no allocators
            }

            if (value is not YamlMappingNode allocators)
            {
                throw new AllocatorConfigurationException(Place(file, value), "'allocators' must be a mapping from allocator names to their descriptions");
            }

            foreach ((YamlNode allocatorKey, YamlNode allocatorValue) in allocators.Children)
            {
                definitions.Add(Allocator(file, KeyName(file, allocatorKey), allocatorKey, allocatorValue));
            }
        }

        if (!top.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "allocators"))
        {
            throw new AllocatorConfigurationException(Place(file, root), "expected the key 'allocators'");
        }

        return definitions;
    }

    private static AllocatorDefinition Allocator(string file, string name, YamlNode key, YamlNode value)
    {
        if (name.Length == 0)
        {
            throw new AllocatorConfigurationException(Place(file, key), "an allocator needs a name");
        }

        if (value is not YamlMappingNode description)
        {
            throw new AllocatorConfigurationException(Place(file, value), $"allocator '{name}' must be a mapping with 'kind' and 'functions'");
        }

        AllocatorKind? kind = null;
        string? of = null;
        ConfigurationPlace ofPlace = default;
        YamlNode? functions = null;
        int header = 0;
        YamlNode? headerNode = null;
        foreach ((YamlNode k, YamlNode v) in description.Children)
        {
            string field = KeyName(file, k);
            switch (field)
            {
                case "kind":
                    kind = Kind(file, name, v);
                    break;
                case "of":
                    of = Scalar(file, v, $"'of' of allocator '{name}' must name an allocator");
                    ofPlace = Place(file, v);
                    break;
                case "functions":
                    functions = v;
                    break;
                case "header":
                    header = Header(file, name, v);
                    headerNode = v;
                    break;
                default:
                    throw new AllocatorConfigurationException(Place(file, k),
                        $"unknown key '{field}' in allocator '{name}' (expected {string.Join(", ", AllocatorKeys)})");
            }
        }

        ConfigurationPlace place = Place(file, key);
        if (kind is not AllocatorKind known)
        {
            throw new AllocatorConfigurationException(place, $"allocator '{name}' has no 'kind' (heap, wrapper, suballocator or stack)");
        }

        if (known == AllocatorKind.Wrapper && of is null)
        {
            throw new AllocatorConfigurationException(place, $"wrapper '{name}' has no 'of' naming the allocator it wraps");
        }

        if (known != AllocatorKind.Wrapper && of is not null)
        {
            throw new AllocatorConfigurationException(ofPlace, $"'of' is only for wrappers, and '{name}' is a {KindName(known)}");
        }

        if (headerNode is not null && known != AllocatorKind.Wrapper)
        {
            throw new AllocatorConfigurationException(Place(file, headerNode), $"'header' is only for wrappers, and '{name}' is a {KindName(known)}");
        }

        if (known == AllocatorKind.Heap && name != "malloc")
        {
            throw new AllocatorConfigurationException(place,
                $"kind heap is only for the built-in allocator 'malloc' (the runtime interposes malloc's family alone); describe '{name}' as a wrapper of malloc");
        }

        if (functions is null || IsEmpty(functions))
        {
            throw new AllocatorConfigurationException(place, $"allocator '{name}' has no functions");
        }

        if (functions is not YamlMappingNode functionMap)
        {
            throw new AllocatorConfigurationException(Place(file, functions), $"'functions' of allocator '{name}' must be a mapping from function names to roles");
        }

        var list = new List<AllocatorFunction>();
        foreach ((YamlNode functionKey, YamlNode roles) in functionMap.Children)
        {
            list.Add(Function(file, name, known, KeyName(file, functionKey), functionKey, roles));
        }

        return new AllocatorDefinition(name, known, of, list, place, ofPlace, header);
    }

    /// <summary>A wrapper's header: a byte count, 0 to 4096, a multiple of 8 (objects keep malloc's alignment, 16 or 8).</summary>
    private static int Header(string file, string allocator, YamlNode value)
    {
        string text = value is YamlScalarNode s ? s.Value ?? "" : value.ToString();
        if (value is not YamlScalarNode || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int header) || header > 4096
            || header % 8 != 0)
        {
            throw new AllocatorConfigurationException(Place(file, value),
                $"'header' of allocator '{allocator}' must be the bytes the wrapper keeps before each object, a multiple of 8 up to 4096, not '{text}'");
        }

        return header;
    }

    private static AllocatorKind Kind(string file, string allocator, YamlNode value)
    {
        string kind = Scalar(file, value, $"'kind' of allocator '{allocator}' must be heap, wrapper, suballocator or stack");
        return kind switch
        {
            "heap" => AllocatorKind.Heap,
            "wrapper" => AllocatorKind.Wrapper,
            "suballocator" => AllocatorKind.Suballocator,
            "stack" => AllocatorKind.Stack,
            _ => throw new AllocatorConfigurationException(Place(file, value),
                $"unknown kind '{kind}' of allocator '{allocator}' (expected heap, wrapper, suballocator or stack)"),
        };
    }

    private static AllocatorFunction Function(string file, string allocator, AllocatorKind kind, string name, YamlNode key, YamlNode value)
    {
        ConfigurationPlace place = Place(file, key);
        if (!IsIdentifier(name))
        {
            throw new AllocatorConfigurationException(place, $"'{name}' is not a C function name");
        }

        if (IsEmpty(value))
        {
            throw new AllocatorConfigurationException(place, NoRole(name));
        }

        if (value is not YamlMappingNode roles)
        {
            throw new AllocatorConfigurationException(Place(file, value), $"function '{name}' must map roles to argument indexes, e.g. {{ size: 0 }}");
        }

        var indexes = new Dictionary<string, (int Index, YamlNode Node)>(StringComparer.Ordinal);
        string? typeName = null;
        foreach ((YamlNode k, YamlNode v) in roles.Children)
        {
            string role = KeyName(file, k);
            if (Array.IndexOf(FunctionKeys, role) < 0)
            {
                throw new AllocatorConfigurationException(Place(file, k),
                    $"unknown role '{role}' of function '{name}' (expected {string.Join(", ", FunctionKeys)})");
            }

            if (role == "type")
            {
                typeName = TypeName(file, name, v);
                continue;
            }

            string text = v is YamlScalarNode s ? s.Value ?? "" : v.ToString();
            if (v is not YamlScalarNode || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index > 255)
            {
                throw new AllocatorConfigurationException(Place(file, v),
                    $"'{role}' of function '{name}' must be an argument index, a non-negative integer (0 is the first argument), not '{text}'");
            }

            foreach ((string other, (int otherIndex, _)) in indexes)
            {
                if (otherIndex == index)
                {
                    throw new AllocatorConfigurationException(Place(file, v), $"function '{name}' names argument {index} twice ('{other}' and '{role}')");
                }
            }

            indexes.Add(role, (index, v));
        }

        int? Index(string role) => indexes.TryGetValue(role, out (int Index, YamlNode Node) found) ? found.Index : null;
        ConfigurationPlace At(string role) => Place(file, indexes[role].Node);
        string[] allocating = [.. new[] { "size", "count", "reallocates", "string", "result_in" }.Where(indexes.ContainsKey)];
        string[] roleGroups = [.. new[] { allocating.Length > 0 ? allocating[0] : null, indexes.ContainsKey("frees") ? "frees" : null,
            indexes.ContainsKey("releases") ? "releases" : null, indexes.ContainsKey("queries") ? "queries" : null }.OfType<string>()];
        if (roleGroups.Length == 0)
        {
            throw new AllocatorConfigurationException(place, NoRole(name));
        }

        if (roleGroups.Length > 1)
        {
            throw new AllocatorConfigurationException(place,
                $"function '{name}' has more than one role ('{roleGroups[0]}' and '{roleGroups[1]}'); a function allocates, frees, releases or queries");
        }

        AllocatorRole functionRole = allocating.Length > 0 ? AllocatorRole.Allocates : indexes.ContainsKey("frees") ? AllocatorRole.Frees
            : indexes.ContainsKey("releases") ? AllocatorRole.Releases : AllocatorRole.Queries;
        if (typeName is not null && functionRole != AllocatorRole.Allocates)
        {
            throw new AllocatorConfigurationException(place, $"'type' of function '{name}' is only for allocating functions");
        }

        CheckRolesFitKind(allocator, kind, name, place, indexes.Keys, At);
        if (Index("count") is not null && Index("size") is null)
        {
            throw new AllocatorConfigurationException(At("count"), $"'count' of function '{name}' needs 'size' (the size of one element)");
        }

        if (Index("reallocates") is not null && Index("size") is null)
        {
            throw new AllocatorConfigurationException(At("reallocates"), $"'reallocates' of function '{name}' needs 'size' (the new size)");
        }

        if (Index("string") is not null && allocating.Length > 1)
        {
            throw new AllocatorConfigurationException(At("string"),
                $"'string' of function '{name}' cannot be combined with '{allocating.First(r => r != "string")}' (the copy's size is the string's)");
        }

        return new AllocatorFunction(name, allocator, kind, functionRole, Index("size"), Index("count"), Index("reallocates"), Index("string"),
            Index("result_in"), typeName, Index("arena"), Index("frees"), Index("releases"), place);
    }

    /// <summary>Rejects the roles a kind of allocator cannot have.</summary>
    private static void CheckRolesFitKind(string allocator, AllocatorKind kind, string name, ConfigurationPlace place, IEnumerable<string> roles,
        Func<string, ConfigurationPlace> at)
    {
        foreach (string role in roles.Where(r => r != "type"))
        {
            string? problem = (kind, role) switch
            {
                (not AllocatorKind.Suballocator, "arena" or "releases") =>
                    $"'{role}' is only for suballocators, and '{allocator}' is a {KindName(kind)}",
                (AllocatorKind.Suballocator, "reallocates") =>
                    $"'reallocates' is not supported in suballocators (allocscc cannot move a suballocated chunk's record); leave '{name}' out",
                (AllocatorKind.Suballocator, "string" or "result_in") =>
                    $"'{role}' is not supported in suballocators (a suballocated chunk is recorded from the call's result and its 'size' argument)",
                (AllocatorKind.Stack, not "size") =>
                    $"'{role}' does not fit a stack allocator: its functions only take 'size' (and 'type')",
                _ => null,
            };
            if (problem is not null)
            {
                throw new AllocatorConfigurationException(at(role), problem);
            }
        }

        bool allocates = roles.Any(r => r is "size" or "count" or "reallocates" or "string" or "result_in");
        if (kind == AllocatorKind.Suballocator && allocates && !roles.Contains("size"))
        {
            throw new AllocatorConfigurationException(place, $"function '{name}' of suballocator '{allocator}' needs 'size' (the chunk's size is recorded)");
        }

        if (kind == AllocatorKind.Stack && !AllocaSpellings.Contains(name))
        {
            throw new AllocatorConfigurationException(place,
                $"a stack allocator's functions can only be {string.Join(" and ", AllocaSpellings)} (the call becomes a tracked __builtin_alloca), not '{name}'");
        }
    }

    private static string NoRole(string name) =>
        $"function '{name}' has no role: give it 'size', 'count', 'reallocates', 'string' or 'result_in' (allocates), 'frees', 'releases' or 'queries'";

    private static string TypeName(string file, string function, YamlNode value)
    {
        string text = Scalar(file, value, $"'type' of function '{function}' must be a C type name");
        string[] words = text.Replace("*", " * ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !words.All(w => w == "*" || IsIdentifier(w)) || words[0] == "*")
        {
            throw new AllocatorConfigurationException(Place(file, value),
                $"'type' of function '{function}' must be a C type name such as 'char' or 'struct foo', not '{text}'");
        }

        // One spelling for one type: words apart, stars together after a space ("struct foo **").
        var spelling = new System.Text.StringBuilder();
        foreach (string word in words)
        {
            bool afterStar = spelling.Length > 0 && spelling[^1] == '*';
            spelling.Append(spelling.Length == 0 || (word == "*" && afterStar) ? "" : " ").Append(word);
        }

        return spelling.ToString();
    }

    private static string Scalar(string file, YamlNode node, string problem) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw new AllocatorConfigurationException(Place(file, node), problem);

    private static string KeyName(string file, YamlNode key) =>
        key is YamlScalarNode { Value: string value } ? value : throw new AllocatorConfigurationException(Place(file, key), "a key must be a plain name");

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static ConfigurationPlace Place(string file, YamlNode node) => new(file, (int)node.Start.Line);

    private static string KindName(AllocatorKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>YamlDotNet's messages repeat the position ("(Line: 3, Col: 5, Idx: 40) - (...): While scanning..."); the line is given apart.</summary>
    private static string Unwrap(string message)
    {
        int at = message.IndexOf("): ", StringComparison.Ordinal);
        return at >= 0 && message.StartsWith('(') ? message[(at + 3)..] : message;
    }

    private static bool IsIdentifier(string word) =>
        word.Length > 0 && (char.IsAsciiLetter(word[0]) || word[0] == '_') && word.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
