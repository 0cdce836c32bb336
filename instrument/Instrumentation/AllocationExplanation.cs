// The lines --explain-allocations prints: each allocation site, what it allocates, and why.
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Locals;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Types;
using Liballocs.Instrument.Uniqtypes;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>
/// Explains the allocation sites of an instrumented file, one line each in source order, e.g.
/// <c>t.c:14:13: malloc (malloc) in make: foo array — n = count * sizeof(struct foo) at line 12</c>:
/// where, the function called and its allocator instance, the enclosing function, the type (its
/// uniqtype name, as reports print it, or <c>untyped</c>), one object or an array, and what the
/// type was inferred from.
/// </summary>
internal static class AllocationExplanation
{
    /// <summary>The explanation of every allocation site and alloca'd block of <paramref name="result"/> (instrumented from <paramref name="file"/>).</summary>
    public static IEnumerable<string> Lines(string file, InstrumentationResult result, AllocatorConfiguration allocators)
    {
        var names = new UniqtypeCatalog(new DiagnosticBag());
        var lines = new List<(int Line, int Column, string Text)>();
        foreach (AllocationSite site in result.Sites)
        {
            lines.Add((site.Line, site.Column, Line(file, site.Line, site.Column, site.Allocator, site.Instance, site.Function,
                site.ElementType is null ? null : names.NameOf(site.ElementType), site.IsArray, site.IsHead ? site.Why + "; the type describes the first element only" : site.Why)));
        }

        foreach (AllocaSite alloca in result.Allocas)
        {
            // An alloca'd array is described as T[] (its length is the block's); name its element, as for heap arrays.
            (CType? element, bool isArray) = alloca.Type is CArrayType { Length: ArrayLength.Unknown } array ? (array.Element, true) : (alloca.Type, false);
            lines.Add((alloca.Line, alloca.Column, Line(file, alloca.Line, alloca.Column, alloca.Name, allocators.Find(alloca.Name)?.Instance ?? alloca.Name,
                alloca.Function, element is null ? null : names.NameOf(element), isArray, alloca.Why)));
        }

        return lines.OrderBy(l => l.Line).ThenBy(l => l.Column).Select(l => l.Text);
    }

    private static string Line(string file, int line, int column, string called, string instance, string function, string? type, bool isArray, string why) =>
        $"{file}:{line}:{column}: {called} ({instance}) in {function}: {type ?? "untyped"} {(isArray ? "array" : "one")} \u2014 {why}";
}
