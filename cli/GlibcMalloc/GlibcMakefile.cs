// What glibc's malloc/Makefile says about its tests: which exist, which are static or internal, the environment each
// runs in, and the extra objects each links. Only plain assignments are read (no conditionals, no functions): enough for
// the test lists and per-test variables, which glibc writes as literal words.
using System.Text.RegularExpressions;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>The test facts of one glibc Makefile.</summary>
public sealed partial class GlibcMakefile
{
    private readonly Dictionary<string, List<string>> variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> prerequisites = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="text"/>, a Makefile's contents.</summary>
    public GlibcMakefile(string text)
    {
        var joined = text.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var raw in joined.Split('\n'))
        {
            var line = raw.Split('#')[0];
            if (Assignment().Match(line) is { Success: true } a)
            {
                var name = a.Groups["name"].Value;
                var words = a.Groups["value"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
                if (a.Groups["op"].Value == "+=" && variables.TryGetValue(name, out var existing))
                    existing.AddRange(words);
                else
                    variables[name] = words;
            }
            else if (Rule().Match(line) is { Success: true } r)
            {
                var target = r.Groups["target"].Value;
                if (!prerequisites.TryGetValue(target, out var list))
                    prerequisites[target] = list = [];
                list.AddRange(r.Groups["deps"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_.-]+)[ \t]*(?<op>:=|\+=|=)[ \t]*(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\$\(objpfx\)(?<target>[A-Za-z0-9_-]+)[ \t]*:(?!=)(?<deps>.*)$")]
    private static partial Regex Rule();

    /// <summary>The words of variable <paramref name="name"/>, with references to other variables of the file
    /// (<c>$(tests-static)</c>) expanded and any other reference dropped; empty when the file does not set it.</summary>
    public IReadOnlyList<string> Words(string name) => Expand(name, 0);

    private List<string> Expand(string name, int depth)
    {
        var result = new List<string>();
        if (depth > 8 || !variables.TryGetValue(name, out var words))
            return result;
        foreach (var w in words)
        {
            if (Reference().Match(w) is { Success: true } m)
                result.AddRange(Expand(m.Groups[1].Value, depth + 1));
            else if (!w.Contains('$', StringComparison.Ordinal))
                result.Add(w);
        }
        return result;
    }

    [GeneratedRegex(@"^\$\(([A-Za-z0-9_.-]+)\)$")]
    private static partial Regex Reference();

    /// <summary>The environment test <paramref name="test"/> runs in (<c>tst-x-ENV = A=1 B=2</c>), with
    /// <c>$(objpfx)</c> replaced by <paramref name="objdir"/>; empty when none is set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment(string test, string objdir)
    {
        if (!variables.TryGetValue(test + "-ENV", out var words))
            return [];
        return words.Select(w => w.Replace("$(objpfx)", objdir.TrimEnd('/') + "/", StringComparison.Ordinal))
            .Where(w => w.Contains('=', StringComparison.Ordinal))
            .Select(w => new KeyValuePair<string, string>(w[..w.IndexOf('=')], w[(w.IndexOf('=') + 1)..]))
            .ToList();
    }

    /// <summary>The objects test <paramref name="test"/> links besides its own source (<c>$(objpfx)tst-x: $(objpfx)y.o</c>
    /// gives "y"), each built from the same directory's y.c.</summary>
    public IReadOnlyList<string> ExtraObjects(string test) =>
        prerequisites.TryGetValue(test, out var deps)
            ? deps.Select(d => ObjectPrerequisite().Match(d)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList()
            : [];

    [GeneratedRegex(@"^\$\(objpfx\)([A-Za-z0-9_-]+)\.o$")]
    private static partial Regex ObjectPrerequisite();
}
