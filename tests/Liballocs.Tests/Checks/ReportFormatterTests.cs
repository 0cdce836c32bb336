using System.Text.Json;
using System.Text.RegularExpressions;
using Liballocs.Checks.Reports;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Checks;

/// <summary>The text and JSON formats against the examples of checks/README.md, which are the contract.</summary>
public partial class ReportFormatterTests
{
    private static nuint A(ulong address) => (nuint)address;

    private static readonly SourceLocation Cast = new("/src/shapes.c", 42, 19, "draw");

    private static BadCastReport Example(params StackFrame[] stack) => new(
        Cast, "is_a", A(0x5581a5c032a8), "struct circle *", "heap", "malloc", "struct square", 48, 8, "double",
        new Provenance(ProvenanceKind.HeapSite, "malloc", null, new SourceLocation("/src/shapes.c", 17, 24, "make_square")),
        stack, 1)
    {
        AllocationElementType = "struct square",
    };

    private static StackFrame Frame(nuint address, string function, uint line, uint column) =>
        new(address, function, "/src/shapes.c", line, column, null, 0);

    private static readonly CheckSummary Summary = new(1021, 990, 955, 2, 29, 0,
        [new DistinctReport(Cast, "is_a", "struct circle *", 2)
        {
            Allocation = new MetAllocation(BadCastReport.Kind, "struct square", "struct square", new SourceLocation("/src/shapes.c", 17, 24, "make_square")),
        }], [])
    {
        ProcessId = 4242,
        Program = "/src/shapes",
        UnknownCauses = [new("no record", 25), new("wild pointer", 4)],
        UnknownSites = [new(new SourceLocation("/src/shapes.c", 61, 12, "load"), "no record", 25), new(new SourceLocation("/src/io.c", 9, 20, "parse"), "wild pointer", 4)],
    };

    private static List<string> ReadmeBlocks(string language)
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "checks", "README.md"));
        return [.. Fence().Matches(readme).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value)];
    }

    [GeneratedRegex(@"```(\w*)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    [Fact]
    public void Text_report_is_the_README_example()
    {
        var report = Example(Frame(A(0x5581a4d4a3c1), "draw", 42, 19), Frame(A(0x5581a4d4a4f0), "main", 57, 3));
        Assert.Equal(ReadmeBlocks("")[0], new TextReportFormatter(Palette.None).Format(report));
    }

    [Fact]
    public void Text_summary_is_the_README_example()
    {
        Assert.Equal(ReadmeBlocks("")[1], new TextReportFormatter(Palette.None).FormatSummary(Summary));
    }

    [Fact]
    public void Text_heap_damage_report_is_the_README_example()
    {
        var cast = new SourceLocation("/src/buf.c", 30, 11, "fill");
        var report = new HeapDamageReport(cast, A(0x5581a5c03310), A(0x5581a5c03310), 0, 8,
            new StackFrame(A(0x5581a4d4a4f7), "fill", "/src/buf.c", 24, 15, null, 0),
            [new StackFrame(A(0x5581a4d4a51c), "fill", "/src/buf.c", 30, 11, null, 0)]);
        Assert.Equal(ReadmeBlocks("")[2], new TextReportFormatter(Palette.None).FormatDamage(report));
    }

    [Fact]
    public void Json_heap_damage_report_names_its_chunk_and_a_lost_caller_as_null()
    {
        var cast = new SourceLocation("/src/buf.c", 30, 11, "fill");
        var json = new JsonReportFormatter().FormatDamage(new HeapDamageReport(cast, A(0x10), A(0x10), 0, 8, null, []));
        using var doc = JsonDocument.Parse(json);
        var o = doc.RootElement;
        Assert.Equal(HeapDamageReport.Kind, o.GetProperty("kind").GetString());
        Assert.Equal("0x10", o.GetProperty("chunk").GetString());
        Assert.Equal(8, o.GetProperty("usable_size").GetInt64());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("allocated_by").ValueKind);
    }

    [Fact]
    public void A_free_whose_record_was_overwritten_is_an_unknown_place_in_text_and_null_in_json()
    {
        var report = Example(Frame(A(0x401000), "draw", 42, 19)) with { FreedBy = StackFrame.Unknown };
        var text = new TextReportFormatter(Palette.None).Format(report);
        Assert.Contains("into freed memory", text);
        Assert.Contains("freed by free called from an unknown place (its record was lost: the program wrote over it after the free)", text);
        using var doc = JsonDocument.Parse(new JsonReportFormatter().Format(report));
        Assert.Equal("use-after-free", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("freed_by").ValueKind);
    }

    [Fact]
    public void Json_report_and_summary_are_the_README_example()
    {
        var block = ReadmeBlocks("json")[0];
        var objects = block.Split("\n{", StringSplitOptions.RemoveEmptyEntries).Select((s, i) => i == 0 ? s : "{" + s).ToList();
        var formatter = new JsonReportFormatter();
        var report = formatter.Format(Example(Frame(A(0x5581a4d4a3c1), "draw", 42, 19)));
        var summary = formatter.FormatSummary(Summary);
        Assert.Equal(Canonical(objects[0]), Canonical(report));
        Assert.Equal(Canonical(objects[1]), Canonical(summary));
    }

    [Fact]
    public void Json_output_is_one_object_per_line()
    {
        var formatter = new JsonReportFormatter();
        foreach (var text in new[] { formatter.Format(Example()), formatter.FormatSummary(Summary), formatter.FormatNote("x") })
        {
            Assert.EndsWith("\n", text);
            Assert.DoesNotContain('\n', text.TrimEnd('\n'));
            using var _ = JsonDocument.Parse(text);
        }
    }

    [Fact]
    public void Json_allocation_site_is_null_when_unknown_and_a_declaration_for_locals()
    {
        var formatter = new JsonReportFormatter();
        var unknown = Example() with { Provenance = new Provenance(ProvenanceKind.HeapUnknownSite, null, null, null) };
        using (var doc = JsonDocument.Parse(formatter.Format(unknown)))
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("allocation_site").ValueKind);
        var local = Example() with
        {
            Storage = "stack",
            Allocator = "stack",
            Provenance = new Provenance(ProvenanceKind.Local, null, "s", new SourceLocation("/src/main.c", 5, 9, "main")),
        };
        using (var doc = JsonDocument.Parse(formatter.Format(local)))
            Assert.Equal("/src/main.c", doc.RootElement.GetProperty("allocation_site").GetProperty("file").GetString());
    }

    [Fact]
    public void Provenance_lines_name_the_allocator_the_declaration_or_the_symbol()
    {
        Assert.Equal("allocated by calloc in make /a.c:1:2",
            TextReportFormatter.ProvenanceLine(new(ProvenanceKind.HeapSite, "calloc", null, new("/a.c", 1, 2, "make"))));
        Assert.Equal("allocated by malloc (site unknown)",
            TextReportFormatter.ProvenanceLine(new(ProvenanceKind.HeapUnknownSite, null, null, null)));
        Assert.Equal("declared as 'buf' in main /a.c:3:7",
            TextReportFormatter.ProvenanceLine(new(ProvenanceKind.Local, null, "buf", new("/a.c", 3, 7, "main"))));
        Assert.Equal("defined as 'table'", TextReportFormatter.ProvenanceLine(new(ProvenanceKind.Static, null, "table", null)));
        Assert.Null(TextReportFormatter.ProvenanceLine(Provenance.None));
    }

    [Fact]
    public void Frames_without_source_show_object_and_offset()
    {
        Assert.Equal("0x7f00 in qsort (/lib/libc.so.6+0x4a2b0)",
            TextReportFormatter.Frame(new StackFrame(0x7f00, "qsort", null, 0, 0, "/lib/libc.so.6", 0x4a2b0)));
        Assert.Equal("0x7f00 (/lib/libc.so.6+0x10)", TextReportFormatter.Frame(new StackFrame(0x7f00, null, null, 0, 0, "/lib/libc.so.6", 0x10)));
        Assert.Equal("0x10 (<unknown module>)", TextReportFormatter.Frame(new StackFrame(0x10, null, null, 0, 0, null, 0)));
    }

    [Fact]
    public void Colours_wrap_the_location_the_error_and_the_provenance()
    {
        var text = new TextReportFormatter(Palette.Ansi).Format(Example());
        Assert.StartsWith("\e[1m/src/shapes.c:42:19:\e[0m \e[1;31mruntime error:\e[0m bad cast", text);
        Assert.Contains("\e[1;35mallocated by malloc in make_square /src/shapes.c:17:24\e[0m", text);
    }

    [Fact]
    public void A_report_without_a_subobject_omits_that_clause()
    {
        var text = new TextReportFormatter(Palette.None).Format(Example() with { SubobjectType = null, Offset = 1 });
        Assert.Contains("is 1 byte into a 'struct square' heap allocation of 48 bytes\n", text);
    }

    private static string Canonical(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement);
    }
}
