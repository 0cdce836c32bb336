// The benchmark suite's workloads: what each runs, on which build of which program.
namespace Liballocs.Cli.Bench;

/// <summary>A build of a workload: plain <c>cc -O2</c> (as the program's build does), checked (<c>allocscc</c>), or
/// gcc's <c>-fsanitize=address</c>.</summary>
public enum Variant
{
    /// <summary><c>cc -O2</c>, unchecked.</summary>
    Plain,
    /// <summary>Built with <c>allocscc</c>.</summary>
    Checked,
    /// <summary><c>cc -fsanitize=address</c>.</summary>
    Asan,
}

/// <summary>One workload of the suite.</summary>
/// <param name="Name">its name on the command line and in the table.</param>
/// <param name="Program">the corpus/real program it runs (null: a program of bench/, built by the suite itself).</param>
/// <param name="Binary">the program's binary: inside the unpacked source tree for a corpus/real program, else the stem of
/// <c>artifacts/bench/STEM.VARIANT</c>.</param>
/// <param name="Arguments">the command line, given the binary's path, the suite's directories and inputs.</param>
public sealed record Workload(string Name, string? Program, string Binary, Func<string, BenchPaths, IReadOnlyList<string>> Arguments)
{
    /// <summary>The command to time, as file and arguments (a pipeline runs under <c>sh -c</c>).</summary>
    public IReadOnlyList<string> Command(string binary, BenchPaths paths) => Arguments(binary, paths);

    // A compressor's round trip through a pipe: compress at -9, decompress, discard.
    private static IReadOnlyList<string> RoundTrip(string binary, BenchPaths paths) =>
        ["sh", "-c", "\"$0\" -9 < \"$1\" | \"$0\" -d > /dev/null", binary, paths.Text];

    /// <summary>Every workload, in table order.</summary>
    public static IReadOnlyList<Workload> All { get; } =
    [
        new("bzip2", "bzip2", "bzip2", RoundTrip),
        new("zlib", "zlib", "minigzip", RoundTrip),
        new("lua-mixed", "lua", "src/lua", (b, p) =>
            ["sh", "-c", "for s in \"$@\"; do \"$0\" \"$s\" || exit 1; done", b,
                .. Directory.GetFiles(Path.Combine(p.Root, "corpus", "real", "lua", "scripts"), "*.lua").Order(StringComparer.Ordinal)]),
        new("lua-cpu", "lua", "src/lua", (b, p) => [b, Path.Combine(p.Root, "bench", "lua", "cpu.lua")]),
        new("sqlite", "sqlite", "build/speedtest1", (b, _) => [b, "--size", "20", "--memdb"]),
        new("jq", "jq", "jq", (b, p) => [b, "-c", "[.[] | select(.n % 7 == 0) | .name] | length", p.Json]),
        new("binary-trees", null, "binary_trees", (b, _) => [b, "18"]),
        new("malloc-churn", null, "churn", (b, _) => [b, "300"]),
    ];
}

/// <summary>Where the suite's files are.</summary>
/// <param name="Root">the repository.</param>
public sealed record BenchPaths(string Root)
{
    /// <summary>artifacts/bench: the suite's own builds, inputs and logs.</summary>
    public string Out => Path.Combine(Root, "artifacts", "bench");

    // The inputs' names carry their generator's version: inputs made by another generator (bin/bench's awk, before) are not
    // taken for these.

    /// <summary>The compressors' input (20 MiB of text).</summary>
    public string Text => Path.Combine(Out, "inputs", "text-20m.2");

    /// <summary>jq's input (28 MB of JSON records).</summary>
    public string Json => Path.Combine(Out, "inputs", "records-28m.2.json");

    /// <summary>The work directory of the corpus/real builds a variant's binary lives under: the checked and plain builds are
    /// those of <c>liballocs real</c> (artifacts/real, plain ones in its plain/), ASan's the suite's own.</summary>
    public string RealWork(Variant v) => v == Variant.Asan ? Path.Combine(Out, "asan") : Path.Combine(Root, "artifacts", "real");

    /// <summary>The path of <paramref name="w"/>'s binary in <paramref name="v"/> (it may not exist yet).</summary>
    public string Binary(Workload w, Variant v)
    {
        if (w.Program is null)
            return Path.Combine(Out, $"{w.Binary}.{v.ToString().ToLowerInvariant()}");
        var dir = v == Variant.Checked ? Path.Combine(RealWork(v), w.Program) : Path.Combine(RealWork(v), "plain", w.Program);
        var src = Path.Combine(dir, "src");
        // The script unpacks one upstream tarball into src/: its one directory is the tree.
        var tree = Directory.Exists(src) ? Directory.GetDirectories(src).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return Path.Combine(tree ?? Path.Combine(src, "none"), w.Binary);
    }

    /// <summary>The suppressions a checked run of <paramref name="w"/> uses: its corpus/real program's triaged reports
    /// (known.supp), as in its corpus/real run; null when it has none.</summary>
    public string? Suppressions(Workload w) =>
        w.Program is not null && File.Exists(Path.Combine(Root, "corpus", "real", w.Program, "known.supp"))
            ? Path.Combine(Root, "corpus", "real", w.Program, "known.supp")
            : null;
}
