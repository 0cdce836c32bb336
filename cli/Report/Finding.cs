// One finding of `liballocs report`: a distinct report merged across every process that met it.
using System.Globalization;
using System.Text.Json;
using Liballocs.Checks.Reports;

namespace Liballocs.Cli.Report;

/// <summary>A place in the source as the report logs give it (<c>location</c>, <c>allocation_site</c>, stack frames).</summary>
/// <param name="File">The source file as compiled (absolute or relative to the compiler's directory); null without debug information.</param>
/// <param name="Line">1-based line; 0 when unknown.</param>
/// <param name="Column">1-based column; 0 when unknown (a cast inside a macro's expansion).</param>
/// <param name="Function">The function containing the place; null when unknown.</param>
public sealed record SourcePlace(string? File, int Line, int Column, string? Function)
{
    /// <summary>"file:line:col", "file:line" without a column, "function" without a file, "?" with neither.</summary>
    public override string ToString() => File is null ? Function ?? "?"
        : Column > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}")
        : string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}");

    /// <summary>As a stack frame: "function file:line:col", or the function alone without a file.</summary>
    public string AsFrame => File is null ? Function ?? "??" : $"{Function ?? "??"} {this}";
}

/// <summary>What makes two reports one finding: the report kind, the check, the cast, the types, and the allocation site.</summary>
/// <param name="Kind">The report kind: <c>bad-cast</c>, <c>use-after-free</c> or <c>heap-metadata-overwritten</c>.</param>
/// <param name="Check">The check kind (<c>is_a</c>...); empty for heap-metadata-overwritten.</param>
/// <param name="Cast">The cast site.</param>
/// <param name="ExpectedType">The cast's target as C spells it; empty for heap-metadata-overwritten.</param>
/// <param name="AllocationElementType">The type of the allocation met with its array levels taken off (<c>allocation_element_type</c>:
/// chunks of one site that differ in element count are one finding); null when the log does not say.</param>
/// <param name="AllocationSite">Where that allocation was made (for heap-metadata-overwritten, the damaged chunk's caller); null
/// when unknown.</param>
public sealed record FindingKey(string Kind, string Check, SourcePlace Cast, string ExpectedType, string? AllocationElementType,
    SourcePlace? AllocationSite)
{
    /// <summary>A heap chunk whose metadata a check found overwritten, not a failed cast.</summary>
    public bool IsHeapDamage => Kind == HeapDamageReport.Kind;
}

/// <summary>Whether a finding was in the baseline (SARIF's <c>baselineState</c>).</summary>
public enum BaselineState
{
    /// <summary>Not in the baseline.</summary>
    New,

    /// <summary>In the baseline too.</summary>
    Unchanged,
}

/// <summary>
/// A distinct report merged across processes: how often it failed in all, which processes and programs met it, one
/// representative report's details (the first read), and what the report command decided about it.
/// </summary>
public sealed class Finding(FindingKey key)
{
    private readonly HashSet<string> processes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> programs = new(StringComparer.Ordinal);
    private long suppressedAtRunTime;

    /// <summary>What makes it one finding.</summary>
    public FindingKey Key { get; } = key;

    /// <summary>Failed checks in all processes (a summary's count; 1 for a report line whose process wrote no summary).</summary>
    public long Count { get; private set; }

    /// <summary>Processes that met it.</summary>
    public int Processes => processes.Count;

    /// <summary>Executable paths of the programs that met it, sorted; a process that wrote no summary names none.</summary>
    public IReadOnlyCollection<string> Programs => programs;

    /// <summary>The allocation's whole type as the first report read spells it (<c>int[4]</c>); null when not known.</summary>
    public string? AllocationType { get; set; }

    /// <summary>The first report's stack, innermost first; empty when no report line was read (only a summary).</summary>
    public IReadOnlyList<SourcePlace> Stack { get; set; } = [];

    /// <summary>The first report's description of the memory met ("8 bytes into a 'struct square' malloc allocation of 48 bytes;
    /// subobject at that offset: 'double'"); null when no report line was read.</summary>
    public string? Actual { get; set; }

    /// <summary>For a use-after-free: where the chunk was freed; null otherwise or when unknown.</summary>
    public SourcePlace? FreedBy { get; set; }

    /// <summary>The rule of a <c>--suppressions</c> file that matched ("suppressed by FILE:LINE: field:pattern"); null when none did.</summary>
    public string? SuppressedByRule { get; set; }

    /// <summary>Why it does not count: the matching rule, or "suppressed at run time" when every process that met it suppressed it
    /// (the programs' <c>suppressions</c> option); null when it counts. A failure one process suppressed and another did not counts.</summary>
    public string? Suppression => SuppressedByRule ?? (suppressedAtRunTime == Count && Count > 0 ? "suppressed at run time" : null);

    /// <summary>Stable identity across runs and edits elsewhere in the source (<see cref="Fingerprints"/>); empty until assigned.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>Null without a baseline; otherwise whether the baseline had it.</summary>
    public BaselineState? Baseline { get; set; }

    /// <summary>It fails the run: not suppressed, and not in the baseline when one was given.</summary>
    public bool Fails => Suppression is null && Baseline != BaselineState.Unchanged;

    /// <summary>Adds <paramref name="count"/> failures met by the process <paramref name="process"/> (any id unique to it) of the
    /// program <paramref name="program"/> (null when unknown); <paramref name="suppressed"/>: that process's suppressions
    /// silenced them.</summary>
    public void Add(long count, string process, string? program, bool suppressed = false)
    {
        Count += count;
        if (suppressed)
            suppressedAtRunTime += count;
        processes.Add(process);
        if (program is not null)
            programs.Add(program);
    }

    /// <summary>Writes "count", "processes" and "programs" (an array) into the object <paramref name="w"/> is writing: the same in
    /// SARIF's property bag and in the JSON output.</summary>
    public void WriteOccurrences(Utf8JsonWriter w)
    {
        w.WriteNumber("count", Count);
        w.WriteNumber("processes", Processes);
        w.WriteStartArray("programs");
        foreach (var p in programs)
            w.WriteStringValue(p);
        w.WriteEndArray();
    }

    /// <summary>SARIF's name of <see cref="Baseline"/> (<c>new</c>, <c>unchanged</c>); null without a baseline.</summary>
    public string? BaselineStateName => Baseline switch { BaselineState.New => "new", BaselineState.Unchanged => "unchanged", _ => null };

    /// <summary>One line for people, paths relative to <paramref name="root"/>: "bad-cast (is_a) to 'struct circle *' at
    /// src/shapes.c:42:19 in draw: met 'struct square' allocated at src/shapes.c:17:24".</summary>
    public string Title(SourceRoot root)
    {
        var k = Key;
        var cast = root.Relative(k.Cast);
        var where = k.Cast.Function is null ? cast.ToString() : $"{cast} in {k.Cast.Function}";
        var from = k.AllocationSite is null ? null : root.Relative(k.AllocationSite);
        if (k.IsHeapDamage)
            return $"heap metadata overwritten, met at {where}" + (from is null ? "" : $"; chunk allocated from {from}");
        var type = AllocationType ?? k.AllocationElementType;
        var met = type is null ? "" : $": met '{type}'";
        return $"{k.Kind} ({k.Check}) to '{k.ExpectedType}' at {where}{met}{(from is null ? "" : $" allocated at {from}")}";
    }

    /// <summary>A name that stays the same when lines move (a JUnit test case's): the rule, the types, the functions and file,
    /// and the fingerprint's first 8 digits to tell apart casts alike in all of these.</summary>
    public string StableName(SourceRoot root)
    {
        var k = Key;
        var file = root.Relative(k.Cast.File) ?? "?";
        var what = k.IsHeapDamage ? "heap metadata overwritten" : $"to '{k.ExpectedType}'";
        var met = k.AllocationElementType is { } t ? $", met '{t}'" : "";
        var from = k.AllocationSite?.Function is { } fn ? $" from {fn}" : "";
        var tag = Fingerprint.Length >= 8 ? $" [{Fingerprint[..8]}]" : "";
        return $"{ReportRules.IdOf(k)} {what} in {k.Cast.Function ?? "?"} ({file}){met}{from}{tag}";
    }
}
