// Builds glibc's allocator outside glibc: compiles the upstream units with the system compiler again and again, and
// learns from each failure what the tree must lend (headers into a mirror, internal declarations and aliases into
// auto_stubs.h) until the shared object compiles and links. The hand-written part (glibc_compat.h, special_shims/,
// src/) stays in the repository; everything learned is written to the work directory, with config.mk for direct builds.
using System.Text;
using System.Text.RegularExpressions;

namespace Liballocs.Cli.GlibcMalloc;

/// <summary>Where the extraction reads and writes.</summary>
/// <param name="GlibcTree">An unpacked glibc source tree (the upstream tarball of Debian's source package).</param>
/// <param name="ProjectDir">The repository's <c>glibc-malloc/</c>: <c>include/glibc_compat.h</c>,
/// <c>include/special_shims/</c>, <c>src/*.c</c>.</param>
/// <param name="WorkDir">Where the mirror, stubs, objects, logs and config.mk go (created).</param>
/// <param name="Output">The shared object to link.</param>
public sealed record ExtractionPaths(string GlibcTree, string ProjectDir, string WorkDir, string Output);

/// <summary>What a configuration run ended with.</summary>
/// <param name="Succeeded">true when the shared object compiled and linked.</param>
/// <param name="Iterations">compile-and-link attempts made.</param>
/// <param name="Message">the reason of a failure (the compiler's first unexplained error, or the symbols nobody
/// defines), or a one-line account of what was learned.</param>
public sealed record ExtractionResult(bool Succeeded, int Iterations, string Message);

/// <summary>The compile loop of the standalone glibc allocator.</summary>
public sealed class MallocExtraction
{
    /// <summary>The upstream translation units the loop starts from, relative to the tree. malloc.c includes arena.c,
    /// hooks.c and morecore.c itself; reallocarray.c is the one entry point defined elsewhere. Units that define what
    /// the link misses (malloc-hugepages.c, from the sysdeps directories) are found by the loop.</summary>
    public static readonly string[] FirstUnits = ["malloc/malloc.c", "malloc/reallocarray.c"];

    private readonly List<string> units = [.. FirstUnits];

    // Flags glibc builds its own objects with that matter for the allocator's behaviour, plus hidden visibility: only
    // src/exports.c's entry points leave the shared object.
    private static readonly string[] CompileFlags =
    [
        "-std=gnu11", "-O2", "-g", "-fPIC", "-fvisibility=hidden", "-fno-common", "-ftls-model=initial-exec",
        "-fno-stack-protector", "-fmerge-all-constants", "-frounding-math", "-Wall", "-Wno-unused",
        "-Werror=implicit-function-declaration",
    ];

    private readonly ExtractionPaths paths;
    private readonly IReadOnlyList<string> order;
    private readonly InternalDeclarations declarations;
    private readonly HashSet<string> publicLibcSymbols;
    private readonly List<(string Id, string Text, bool IsAlias)> stubs = [];
    // Standard headers go first: the declarations learned later may use their types.
    private readonly List<string> standardIncludes = [];
    // Mirrored internal headers that define what a unit uses without including them; after the standard ones.
    private readonly List<string> internalIncludes = [];
    private readonly HashSet<string> stubbed = new(StringComparer.Ordinal);
    private readonly List<string> mirrored = [];
    private readonly StringBuilder log = new();
    private string? unresolvedHeader;

    private string Mirror => Path.Combine(paths.WorkDir, "mirror");
    private string Upstream => Path.Combine(paths.WorkDir, "upstream");
    private string Objects => Path.Combine(paths.WorkDir, "obj");
    private string AutoStubs => Path.Combine(paths.WorkDir, "auto_stubs.h");
    private string Compat => Path.Combine(paths.ProjectDir, "include", "glibc_compat.h");
    private string Shims => Path.Combine(paths.ProjectDir, "include", "special_shims");

    /// <summary>Prepares a run for <paramref name="paths"/>; <paramref name="machine"/> is glibc's name of the target
    /// machine ("x86_64").</summary>
    public MallocExtraction(ExtractionPaths paths, string machine)
    {
        this.paths = paths;
        order = SysdepsOrder.For(paths.GlibcTree, machine);
        declarations = new InternalDeclarations(paths.GlibcTree);
        publicLibcSymbols = PublicLibcSymbols();
    }

    /// <summary>Starts from an empty mirror and stubs and iterates at most <paramref name="maxIterations"/> times. On
    /// success writes config.mk (the flags and units of a direct build) and headers.txt (each mirrored header and the
    /// tree directory it came from); every attempt's outcome goes to attempts.log.</summary>
    public ExtractionResult Configure(int maxIterations, Action<string> progress)
    {
        foreach (var dir in new[] { Mirror, Upstream, Objects })
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
        }
        foreach (var unit in units)
            CopyInto(Upstream, unit);
        WriteStubs();
        foreach (var warning in UnmatchedMakefileDefines())
        {
            progress("glibc-malloc: warning: " + warning);
            log.Append("warning: ").Append(warning).Append('\n');
        }
        for (var i = 1; i <= maxIterations; i++)
        {
            var (ok, output, step) = CompileAndLink();
            log.Append($"## attempt {i}: {step}\n{output}\n");
            if (ok)
            {
                WriteConfig();
                Finish();
                return new ExtractionResult(true, i, $"built after {i} attempts: {mirrored.Count} headers mirrored, {stubs.Count} stubs and {standardIncludes.Count} standard headers learned");
            }
            unresolvedHeader = null;
            var learned = step == "link" ? LearnFromLink(output) : LearnFromCompile(output);
            if (learned is null)
            {
                Finish();
                var why = step == "link"
                    ? $"undefined symbols nobody defines (give them a definition in {Path.Combine(paths.ProjectDir, "src", "glue.c")}): {string.Join(", ", CompilerDiagnostics.UndefinedSymbols(output))}"
                    : unresolvedHeader ?? CompilerDiagnostics.FirstError(output) ?? output.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "the compiler failed without a message";
                return new ExtractionResult(false, i, $"nothing more to learn at attempt {i} ({step}): {why}");
            }
            progress($"glibc-malloc: attempt {i}: {learned}");
            WriteStubs();
        }
        Finish();
        return new ExtractionResult(false, maxIterations, $"did not converge in {maxIterations} attempts (see {Path.Combine(paths.WorkDir, "attempts.log")})");
    }

    /// <summary>Macros glibc's Makefiles define for one of the first units (<c>CPPFLAGS-malloc.c += -DUSE_TCACHE=1</c>)
    /// that glibc_compat.h does not define. The Makefile's conditions are not evaluated, so each is a question for the
    /// compat header's author, not an error: a build without them compiles and behaves differently.</summary>
    private IEnumerable<string> UnmatchedMakefileDefines()
    {
        var compat = File.Exists(Compat) ? File.ReadAllText(Compat) : "";
        foreach (var unit in FirstUnits)
        {
            var makefile = Path.Combine(paths.GlibcTree, Path.GetDirectoryName(unit)!, "Makefile");
            if (!File.Exists(makefile))
                continue;
            var file = Regex.Escape(Path.GetFileName(unit));
            foreach (Match m in Regex.Matches(File.ReadAllText(makefile), $@"^CPPFLAGS-{file}[ \t]*\+?=(?<flags>[^\n]*)", RegexOptions.Multiline))
            {
                foreach (Match d in Regex.Matches(m.Groups["flags"].Value, @"-D(?<name>[A-Za-z_]\w*)"))
                {
                    var name = d.Groups["name"].Value;
                    if (!Regex.IsMatch(compat, $@"#[ \t]*define[ \t]+{name}\b"))
                        yield return $"{Path.GetDirectoryName(unit)}/Makefile defines {name} for {Path.GetFileName(unit)} ({m.Value.Trim()}); glibc_compat.h does not";
                }
            }
        }
    }

    private void Finish() => File.WriteAllText(Path.Combine(paths.WorkDir, "attempts.log"), log.ToString());

    /// <summary>The include flags of a build: the compat header and the stubs forced in, the shims, then the mirror in
    /// glibc's own search order (so #include_next finds the next copy as it does in glibc's build).</summary>
    private List<string> IncludeFlags()
    {
        var flags = new List<string> { "-include", Compat, "-include", AutoStubs, "-I", Shims, "-I", Path.Combine(paths.ProjectDir, "include") };
        foreach (var d in order)
        {
            var dir = Path.GetFullPath(Path.Combine(Mirror, d));
            if (Directory.Exists(dir))
                flags.AddRange(["-I", dir]);
        }
        return flags;
    }

    private (bool Ok, string Output, string Step) CompileAndLink()
    {
        var objects = new List<string>();
        var sources = units.Select(u => Path.Combine(Upstream, u))
            .Concat(Directory.EnumerateFiles(Path.Combine(paths.ProjectDir, "src"), "*.c").Order(StringComparer.Ordinal));
        foreach (var source in sources)
        {
            var obj = Path.Combine(Objects, Path.GetFileNameWithoutExtension(source) + ".o");
            var upstream = source.StartsWith(Upstream, StringComparison.Ordinal);
            // Our own glue sees the compat header and the mirror too, but not the upstream units' stubs' quirks.
            var (ok, output) = Run("gcc", [.. CompileFlags, .. IncludeFlags(), "-c", source, "-o", obj]);
            if (!ok)
                return (false, output, upstream ? "compile " + Path.GetRelativePath(Upstream, source) : "compile " + Path.GetFileName(source));
            objects.Add(obj);
        }
        var (linked, linkOutput) = Run("gcc", ["-shared", "-Wl,-z,defs", "-Wl,-soname," + Path.GetFileName(paths.Output),
            "-Wl,--version-script=" + Path.Combine(paths.ProjectDir, "src", "exports.map"), "-o", paths.Output, .. objects, "-lpthread"]);
        if (!linked)
            return (false, linkOutput, "link");
        // A symbol the installed libc exports only to itself (GLIBC_PRIVATE) links, but binds the allocator to that very
        // build of libc: it counts as undefined, to be defined by a unit of the tree.
        var (_, imports) = Run("nm", ["-D", "--undefined-only", paths.Output]);
        var privateImports = imports.Split('\n')
            .Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2 && f[1].EndsWith("@GLIBC_PRIVATE", StringComparison.Ordinal))
            .Select(f => $"undefined reference to `{f[1][..f[1].IndexOf('@')]}' (GLIBC_PRIVATE in the installed libc)")
            .ToList();
        return privateImports.Count == 0 ? (true, linkOutput, "link") : (false, string.Join('\n', privateImports), "link");
    }

    /// <summary>Learns from a failed compile: the first missing header, else every unknown identifier that an alias or
    /// an internal declaration explains. Returns what was learned, or null when nothing was.</summary>
    private string? LearnFromCompile(string output)
    {
        var learned = new List<string>();
        if (CompilerDiagnostics.FirstMissingHeader(output) is { } missing)
        {
            if (MirrorHeader(missing) is { } copied)
                return copied;
            // Not in the tree: glibc's build generates it. The errors before it may still teach something; if not, a
            // hand-written shim has to stand for whatever includes it.
            unresolvedHeader = $"{missing.Header} (included by {missing.Includer}:{missing.Line}) is not in the glibc tree, so glibc's build generates it: add a shim to {Shims} for the header that includes it";
        }
        var standard = CompilerDiagnostics.StandardHeaders(output);
        foreach (var id in CompilerDiagnostics.UnknownIdentifiers(output))
        {
            if (stubbed.Contains(id))
                continue;
            if (standard.TryGetValue(id, out var header))
            {
                stubbed.Add(id);
                standardIncludes.Add($"#include <{header}> /* {id}: used before upstream includes it */");
                learned.Add($"{id} from <{header}>");
            }
            else if (AliasOf(id) is { } alias)
            {
                AddStub(id, $"#define {id} {alias}", "alias of the public symbol of the installed libc", isAlias: true);
                learned.Add($"{id} -> {alias}");
            }
            else if (MirroredHeaderDefining(id) is { } mirroredHeader)
            {
                stubbed.Add(id);
                internalIncludes.Add($"#include <{mirroredHeader}> /* {id} */");
                learned.Add($"{id} from <{mirroredHeader}> (mirrored)");
            }
            else if (declarations.Find(id) is { } found)
            {
                AddStub(id, found.Text, "declared in " + found.Source);
                learned.Add($"{id} declared (from {found.Source})");
            }
        }
        return learned.Count > 0 ? string.Join("; ", learned) : null;
    }

    /// <summary>Learns from a failed link: an alias to a public libc symbol, else the source file of the tree that
    /// defines the symbol (searched as headers are: sysdeps first, then the allocator's own directory), added as a
    /// unit, as glibc's build adds each routine of the sysdeps directories.</summary>
    private string? LearnFromLink(string output)
    {
        var learned = new List<string>();
        foreach (var id in CompilerDiagnostics.UndefinedSymbols(output))
        {
            if (!stubbed.Contains(id) && AliasOf(id) is { } alias)
            {
                AddStub(id, $"#define {id} {alias}", "alias of the public symbol of the installed libc", isAlias: true);
                learned.Add($"{id} -> {alias}");
            }
            else if (SourceDefining(id) is { } unit && !units.Contains(unit))
            {
                units.Add(unit);
                CopyInto(Upstream, unit);
                learned.Add($"{id} defined by {unit} (a new unit)");
            }
        }
        // An alias learned before a unit came that defines the internal name would rename that definition: it goes.
        foreach (var stale in stubs.Where(x => x.IsAlias && DefinedUpstream(x.Id)).ToList())
        {
            stubs.Remove(stale);
            stubbed.Remove(stale.Id);
            learned.Add($"{stale.Id} is no alias any more (a unit defines it)");
        }
        return learned.Count > 0 ? string.Join("; ", learned) : null;
    }

    /// <summary>The include name of a header already in the mirror that defines <paramref name="id"/> as a macro
    /// (atomic_load_relaxed in atomic.h): a unit that uses it without including the header gets the header, not a copy
    /// of one macro that needs the rest of it. Null when no mirrored header defines it.</summary>
    private string? MirroredHeaderDefining(string id)
    {
        var definition = new Regex($@"^[ \t]*#[ \t]*define[ \t]+{Regex.Escape(id)}\b", RegexOptions.Multiline);
        foreach (var line in mirrored)
        {
            var header = line.Split('\t')[0];
            var dir = line.Split('\t')[1];
            if (definition.IsMatch(File.ReadAllText(Path.Combine(Mirror, dir, header))))
                return header;
        }
        return null;
    }

    private string? SourceDefining(string id)
    {
        var definition = new Regex($@"^{Regex.Escape(id)}[ \t]*\(", RegexOptions.Multiline);
        var dirs = order.Where(d => d.StartsWith("sysdeps/", StringComparison.Ordinal))
            .Concat(FirstUnits.Select(u => Path.GetDirectoryName(u)!).Distinct());
        foreach (var dir in dirs)
        {
            var full = Path.Combine(paths.GlibcTree, dir);
            if (!Directory.Exists(full))
                continue;
            foreach (var file in Directory.EnumerateFiles(full, "*.c").Order(StringComparer.Ordinal))
            {
                if (definition.IsMatch(File.ReadAllText(file)))
                    return Path.GetRelativePath(paths.GlibcTree, file);
            }
        }
        return null;
    }

    /// <summary>The public libc function an internal name stands for: <c>__read</c> for <c>read</c>,
    /// <c>__clock_gettime64</c> for <c>clock_gettime</c> (64-bit time is the only time here). Null when the installed
    /// libc exports no such public symbol, or when the upstream units define the internal name themselves.</summary>
    private string? AliasOf(string id)
    {
        if (!id.StartsWith("__", StringComparison.Ordinal) || DefinedUpstream(id))
            return null;
        var bare = id[2..];
        foreach (var candidate in new[] { bare, bare.EndsWith("64", StringComparison.Ordinal) ? bare[..^2] : null })
        {
            if (candidate is { Length: > 0 } && publicLibcSymbols.Contains(candidate))
                return candidate;
        }
        return null;
    }

    private bool DefinedUpstream(string id)
    {
        // glibc's style starts a definition's line with the function's name.
        var definition = new Regex($@"^{Regex.Escape(id)}[ \t]*\(", RegexOptions.Multiline);
        return Directory.EnumerateFiles(Upstream, "*.c", SearchOption.AllDirectories)
            .Any(f => definition.IsMatch(File.ReadAllText(f)));
    }

    /// <summary>Copies the header the compiler missed from the tree into the mirror (or, for an upstream source file's
    /// quoted include, beside it), searching as glibc's build would.</summary>
    private string? MirrorHeader(MissingHeader missing)
    {
        var includer = Path.GetFullPath(Path.Combine(paths.WorkDir, missing.Includer));
        var (area, rel) = includer.StartsWith(Upstream + "/", StringComparison.Ordinal)
            ? (Upstream, Path.GetRelativePath(Upstream, includer))
            : includer.StartsWith(Mirror + "/", StringComparison.Ordinal)
                ? (Mirror, Path.GetRelativePath(Mirror, includer))
                : (null, null);
        var directive = File.Exists(includer) ? File.ReadLines(includer).Skip(missing.Line - 1).FirstOrDefault() ?? "" : "";
        var isNext = Regex.IsMatch(directive, @"^\s*#\s*include_next\b");
        var isQuoted = Regex.IsMatch(directive, @"^\s*#\s*include\s*""");

        if (isQuoted && area is not null && rel is not null)
        {
            var beside = Path.Combine(Path.GetDirectoryName(rel) ?? "", missing.Header);
            if (File.Exists(Path.Combine(paths.GlibcTree, beside)) && CopyInto(area, beside))
                return $"{missing.Header} (beside {rel})";
        }
        // #include_next continues after the directory the includer was found in.
        var start = 0;
        if (isNext && area == Mirror && rel is not null)
        {
            var from = order.Select((d, i) => (d, i)).Where(x => (d: x.d == "." ? "" : x.d + "/", x.i) is var p && rel == p.d + missing.Header).Select(x => x.i + 1).FirstOrDefault(-1);
            if (from >= 0)
                start = from;
        }
        for (var i = start; i < order.Count; i++)
        {
            var candidate = Path.Combine(order[i], missing.Header);
            if (File.Exists(Path.Combine(paths.GlibcTree, candidate)))
            {
                if (!CopyInto(Mirror, candidate))
                    return null;
                mirrored.Add($"{missing.Header}\t{order[i]}");
                return $"{missing.Header} from {order[i]}{(isNext ? " (include_next)" : "")}";
            }
        }
        return null;
    }

    // False when the file is there already: the compiler missed it all the same, so copying again would teach nothing
    // (an #include_next from a file outside the mirror), and the loop must not count it as progress.
    private bool CopyInto(string area, string rel)
    {
        var dest = Path.GetFullPath(Path.Combine(area, rel));
        if (File.Exists(dest))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
        File.Copy(Path.Combine(paths.GlibcTree, rel), dest);
        return true;
    }

    private void AddStub(string id, string text, string why, bool isAlias = false)
    {
        stubbed.Add(id);
        stubs.Add((id, $"/* {id}: {why} */\n{text}\n", isAlias));
        // An enumeration or several declarations may declare more than the name asked for.
        foreach (Match m in Regex.Matches(text, @"\b[A-Za-z_]\w*\b"))
        {
            if (m.Value == id || text.Contains("enum", StringComparison.Ordinal))
                stubbed.Add(m.Value);
        }
    }

    private void WriteStubs()
    {
        var text = new StringBuilder()
            .Append("/* auto_stubs.h: generated by `liballocs glibc-malloc`, which learned each entry from a failed compile\n")
            .Append("   of glibc's allocator. Do not edit: change glibc-malloc/include instead and rebuild. */\n")
            .Append("#ifndef GLIBC_MALLOC_AUTO_STUBS_H\n#define GLIBC_MALLOC_AUTO_STUBS_H 1\n")
            .Append("#include <stddef.h>\n#include <stdint.h>\n#include <stdbool.h>\n#include <sys/types.h>\n");
        foreach (var include in standardIncludes.Concat(internalIncludes).Distinct())
            text.Append(include).Append('\n');
        text.Append('\n');
        foreach (var stub in stubs)
            text.Append(stub.Text).Append('\n');
        text.Append("#endif\n");
        File.WriteAllText(AutoStubs, text.ToString());
    }

    private void WriteConfig()
    {
        var flags = string.Join(' ', CompileFlags.Concat(IncludeFlags()));
        File.WriteAllText(Path.Combine(paths.WorkDir, "config.mk"),
            "# Generated by `liballocs glibc-malloc` once the allocator built: the flags and units of a direct build.\n" +
            $"GLIBC_MALLOC_CFLAGS := {flags}\n" +
            $"GLIBC_MALLOC_UNITS := {string.Join(' ', units.Select(u => Path.Combine(Upstream, u)))}\n");
        File.WriteAllText(Path.Combine(paths.WorkDir, "headers.txt"), string.Join('\n', mirrored) + "\n");
    }

    /// <summary>Runs a tool to its end with LC_ALL=C (so gcc's quotes are ASCII); returns whether it exited 0, and its
    /// standard output followed by its standard error.</summary>
    internal static (bool Ok, string Output) Run(string file, IEnumerable<string> args, string? cwd = null)
    {
        var run = ProcessRunner.Run(file, args, cwd ?? Environment.CurrentDirectory, new Dictionary<string, string?> { ["LC_ALL"] = "C" },
            timeoutSeconds: 1800);
        return (run.ExitCode == 0, run.All);
    }

    /// <summary>The names the installed libc exports under a public default version (not GLIBC_PRIVATE, not a
    /// compatibility version), read with binutils' nm: an internal name is aliased to one of them only.</summary>
    private static HashSet<string> PublicLibcSymbols()
    {
        var (_, path) = Run("gcc", ["-print-file-name=libc.so.6"]);
        var (ok, output) = Run("nm", ["-D", "--defined-only", path.Trim()]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!ok)
            return names;
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // name@@GLIBC_2.x is the default version, which a link binds to; name@GLIBC_2.x is a compatibility symbol only
            // programs linked long ago use.
            if (parts.Length == 3 && parts[2].IndexOf("@@GLIBC_2", StringComparison.Ordinal) is > 0 and var at)
                names.Add(parts[2][..at]);
        }
        return names;
    }
}
