// Declarations of glibc's internal names, found in the tree's include/ wrappers. Those wrappers shadow the public
// headers inside glibc's build (include/stdio.h adds __libc_message to <stdio.h>); outside it the system's public
// headers win, so an internal name the allocator uses is copied alone, as a stub declaration, rather than the wrapper.
using System.Text.RegularExpressions;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>Searches a glibc tree's internal headers (<c>include/</c>, <c>libio/</c>) for the declaration of an internal
/// identifier.</summary>
public sealed partial class InternalDeclarations(string glibcTree)
{
    // The internal headers glibc's build puts on every include path: include/, then libio/ (stdio's internals).
    private readonly Lazy<List<(string Path, string Text)>> headers = new(() =>
        new[] { "include", "libio" }
            .Select(d => Path.Combine(glibcTree, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.h", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Select(p => (Path.GetRelativePath(glibcTree, p), File.ReadAllText(p)))
            .ToList());

    /// <summary>The text that declares <paramref name="identifier"/> (an <c>extern</c> declaration or a prototype, an
    /// enumeration holding it, a typedef, or a macro definition), preceded by what that text needs from the same header (the definition
    /// of an enumeration it names, a forward declaration of a structure it names), with the header it came from; null
    /// when no header of <c>include/</c> declares it.</summary>
    public (string Text, string Source)? Find(string identifier)
    {
        var id = Regex.Escape(identifier);
        // Declarations before macros: libio.h both declares _IO_flockfile and, for builds without thread-safe stdio,
        // defines it away; the declaration is the faithful one.
        var patterns = new[]
        {
            new Regex($@"^[ \t]*extern\b[^;{{}}#]*\b{id}\b[^;{{}}#]*;", RegexOptions.Multiline),
            // A prototype without extern (_Noreturn void __libc_message_impl (const char *, ...) attribute_hidden;).
            new Regex($@"^[ \t]*(?!(?:return|if|while|for|switch|do|else|case|goto)\b)[A-Za-z_][\w \t\*]*[ \t\*]{id}[ \t]*\([^;{{}}#]*\)[^;{{}}#=]*;", RegexOptions.Multiline),
            new Regex($@"^[ \t]*(?:typedef[ \t]+)?enum\b[^;{{}}#]*\{{[^}}]*\b{id}\b[^}}]*\}}[^;{{}}#]*;", RegexOptions.Multiline),
            new Regex($@"^[ \t]*typedef\b[^;{{}}#]*\b{id}[ \t]*;", RegexOptions.Multiline),
            new Regex($@"^[ \t]*#[ \t]*define[ \t]+{id}\b(?:[^\n]*\\\n)*[^\n]*", RegexOptions.Multiline),
        };
        // A re-declaration of a public name (extern __typeof (memset) memset) declares nothing new.
        var redeclaration = new Regex($@"__typeof[ \t]*\([ \t]*{id}[ \t]*\)");
        foreach (var pattern in patterns)
        {
            foreach (var (path, text) in headers.Value)
            {
                var m = pattern.Match(text);
                while (m.Success && redeclaration.IsMatch(m.Value))
                    m = m.NextMatch();
                if (!m.Success)
                    continue;
                var prelude = new List<string>();
                foreach (Match e in EnumMention().Matches(m.Value))
                {
                    var definition = new Regex($@"^[ \t]*enum[ \t]+{Regex.Escape(e.Groups[1].Value)}\b[^;{{}}#]*\{{[^}}]*\}}[^;{{}}#]*;", RegexOptions.Multiline).Match(text);
                    if (definition.Success && definition.Index != m.Index)
                        prelude.Add(definition.Value.Trim());
                }
                foreach (Match s in StructMention().Matches(m.Value))
                    prelude.Add($"struct {s.Groups[1].Value};");
                return (string.Join('\n', prelude.Distinct().Append(m.Value.Trim())), path);
            }
        }
        return null;
    }

    [GeneratedRegex(@"\benum[ \t]+([A-Za-z_]\w*)\b(?![ \t\n]*\{)")]
    private static partial Regex EnumMention();

    [GeneratedRegex(@"\bstruct[ \t]+([A-Za-z_]\w*)\b(?![ \t\n]*\{)")]
    private static partial Regex StructMention();
}
