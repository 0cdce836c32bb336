// JSON Lines report logs as the runtime writes them (checks/README.md, "Reports"), for the report reader's tests.
using Liballocs.Cli.Report;

namespace Liballocs.Tests.Cli;

internal static class ReportLines
{
    public static string Place(string file, int line, int column, string function) =>
        $$"""{"file":"{{file}}","line":{{line}},"column":{{column}},"function":"{{function}}"}""";

    public static readonly string Cast = Place("a.c", 3, 7, "f");
    public static readonly string Site = Place("a.c", 1, 12, "make");

    /// <summary>A bad-cast line at <paramref name="location"/> meeting an int allocated at <paramref name="site"/>.</summary>
    public static string BadCast(string? location = null, string? site = null, string kind = "bad-cast", string type = "int") =>
        $$"""{"format_version":1,"kind":"{{kind}}","check":"is_a","location":{{location ?? Cast}},"pointer":"0x10","expected_type":"double *","actual":{"allocator":"malloc","allocation_type":"{{type}}","allocation_element_type":"{{type}}","allocation_size":4,"offset":0,"subobject_type":null},"allocation_site":{{site ?? Site}},"stack":[{"function":"f","file":"a.c","line":3,"column":7},{"function":"main","file":"m.c","line":9,"column":3}],"count":1}""";

    /// <summary>A summary's distinct report.</summary>
    public static string Entry(long count, string? location = null, string? site = null, string kind = "bad-cast", string type = "int") =>
        $$"""{"location":{{location ?? Cast}},"kind":"{{kind}}","check":"is_a","expected_type":"double *","allocation_type":"{{type}}","allocation_element_type":"{{type}}","allocation_site":{{site ?? Site}},"count":{{count}}}""";

    public static string Summary(long checks, long unknown, string reports = "", string suppressed = "", string program = "/t/prog", long viaCache = 0) =>
        $$"""{"format_version":1,"kind":"summary","pid":7,"program":"{{program}}","checks_begun":{{checks}},"passed":1,"passed_via_cache":{{viaCache}},"failed":2,"unknown_storage":{{unknown}},"suppressed":0,"typings_inferred":0,"heap_metadata_overwritten":0,"reports":[{{reports}}],"suppressed_reports":[{{suppressed}}],"unknown_storage_causes":{"no record":{{unknown}}},"unknown_storage_sites":[{{(unknown == 0 ? "" : $$"""{"location":{{Place("u.c", 4, 2, "load")}},"cause":"no record","count":{{unknown}}}""")}}]}""";

    public static string Damage(string? location = null) =>
        $$"""{"format_version":1,"kind":"heap-metadata-overwritten","location":{{location ?? Place("a.c", 5, 2, "f")}},"pointer":"0x10","chunk":"0x10","offset":0,"usable_size":8,"allocated_by":null,"stack":[]}""";

    // A source root with no file below it: the synthetic logs' sources exist nowhere.
    private static readonly Lazy<string> EmptyRoot = new(() => Liballocs.Tests.Support.Processes.TempDirectory("liballocs-report-root"));

    /// <summary>The logs, one list of lines per process log file, merged without rules or baseline.</summary>
    public static MergedReport Merge(params string[][] files)
    {
        var log = new ReportLog();
        foreach (var f in files)
            log.Add(f);
        return MergedReport.Of(log, [], SourceRoot.At(EmptyRoot.Value), null);
    }
}
