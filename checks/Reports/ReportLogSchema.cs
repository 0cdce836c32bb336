// The report log's contract (JSON Lines, checks/README.md "Reports"): every kind and field name, and the readers of the shapes
// both sides share. JsonReportFormatter writes with these names; `liballocs report` (cli/Report/ReportLog.cs) and the
// differential tester read with them, so a name is spelt once.
using System.Text.Json;

namespace Liballocs.Checks.Reports;

/// <summary>The report log's line kinds and field names: each line is one JSON object carrying
/// <see cref="Fields.FormatVersion"/> and <see cref="Fields.Kind"/>.</summary>
public static class ReportLogSchema
{
    /// <summary>The values of <see cref="Fields.Kind"/> besides the report kinds (<see cref="BadCastReport.Kind"/>,
    /// <see cref="BadCastReport.UseAfterFreeKind"/>, <see cref="HeapDamageReport.Kind"/>).</summary>
    public static class Kinds
    {
        /// <summary>The exit summary, the last line a process writes.</summary>
        public const string Summary = "summary";
        /// <summary>A note (verbosity, options): no report.</summary>
        public const string Note = "note";
    }

    /// <summary>Field names. Where a name serves several line kinds, its comment says which.</summary>
    public static class Fields
    {
        /// <summary>Every line: the contract's version (<see cref="JsonReportFormatter.FormatVersion"/>).</summary>
        public const string FormatVersion = "format_version";
        /// <summary>Every line, and each entry of a summary's report lists: the line or report kind.</summary>
        public const string Kind = "kind";
        /// <summary>Reports and report list entries: where the check ran (a location object); unknown-storage sites: the cast.</summary>
        public const string Location = "location";
        /// <summary>Reports: the address checked, "0x..." in hex.</summary>
        public const string Pointer = "pointer";
        /// <summary>Reports: the stack, innermost first (an array of frame objects).</summary>
        public const string Stack = "stack";
        /// <summary>Bad casts and report list entries: failures of this report so far; unknown-storage sites: checks there.</summary>
        public const string Count = "count";

        /// <summary>Bad casts and report list entries: the check kind's name (<c>is_a</c>...).</summary>
        public const string Check = "check";
        /// <summary>Bad casts and report list entries: the cast's target as C spells it.</summary>
        public const string ExpectedType = "expected_type";
        /// <summary>Bad casts: what the check met (an object of the allocation fields below).</summary>
        public const string Actual = "actual";
        /// <summary>In <see cref="Actual"/>: the allocator's name (<c>heap</c>, <c>stack</c>...).</summary>
        public const string Allocator = "allocator";
        /// <summary>In <see cref="Actual"/> and report list entries: the allocation's type as C spells it; null when unknown.</summary>
        public const string AllocationType = "allocation_type";
        /// <summary>In <see cref="Actual"/> and report list entries: that type without its array levels; null when unknown.</summary>
        public const string AllocationElementType = "allocation_element_type";
        /// <summary>In <see cref="Actual"/>: the allocation's size in bytes.</summary>
        public const string AllocationSize = "allocation_size";
        /// <summary>In <see cref="Actual"/> and heap damage: offset in bytes of the pointer from the allocation's base.</summary>
        public const string Offset = "offset";
        /// <summary>In <see cref="Actual"/>: the innermost subobject's type at that offset; null when none.</summary>
        public const string SubobjectType = "subobject_type";
        /// <summary>Bad casts and report list entries: where the allocation was made (a location object, or null).</summary>
        public const string AllocationSite = "allocation_site";
        /// <summary>Use-after-free: the frame that freed the chunk (null when the program overwrote that record).</summary>
        public const string FreedBy = "freed_by";
        /// <summary>A dead local's report: where its scope ended (a location object).</summary>
        public const string ScopeEndedAt = "scope_ended_at";

        /// <summary>Heap damage: the chunk's base, "0x..." in hex.</summary>
        public const string Chunk = "chunk";
        /// <summary>Heap damage: the chunk's usable size in bytes.</summary>
        public const string UsableSize = "usable_size";
        /// <summary>Heap damage: the frame that allocated the chunk (or null).</summary>
        public const string AllocatedBy = "allocated_by";

        /// <summary>Location objects and frames: the source file (null without source).</summary>
        public const string File = "file";
        /// <summary>Location objects and frames: 1-based line (0 when unknown).</summary>
        public const string Line = "line";
        /// <summary>Location objects and frames: 1-based column (0 when unknown).</summary>
        public const string Column = "column";
        /// <summary>Location objects and frames: the enclosing function (null when unknown).</summary>
        public const string Function = "function";

        /// <summary>Summary: the process id.</summary>
        public const string Pid = "pid";
        /// <summary>Summary: the program's executable path (null when unknown).</summary>
        public const string Program = "program";
        /// <summary>Summary: checks begun, slow path and caches.</summary>
        public const string ChecksBegun = "checks_begun";
        /// <summary>Summary: checks passed.</summary>
        public const string Passed = "passed";
        /// <summary>Summary: checks the caches passed without the runtime.</summary>
        public const string PassedViaCache = "passed_via_cache";
        /// <summary>Summary: checks failed.</summary>
        public const string Failed = "failed";
        /// <summary>Summary: checks on memory with no type information.</summary>
        public const string UnknownStorage = "unknown_storage";
        /// <summary>Summary: failures a suppression silenced.</summary>
        public const string Suppressed = "suppressed";
        /// <summary>Summary: inferred typings recorded.</summary>
        public const string TypingsInferred = "typings_inferred";
        /// <summary>Summary: heap chunks whose metadata was found overwritten.</summary>
        public const string HeapMetadataOverwritten = "heap_metadata_overwritten";
        /// <summary>Summary: the distinct reports (an array of report list entries).</summary>
        public const string Reports = "reports";
        /// <summary>Summary: the distinct reports a suppression silenced (as <see cref="Reports"/>).</summary>
        public const string SuppressedReports = "suppressed_reports";
        /// <summary>Summary: unknown-storage checks by cause (an object: cause name to count).</summary>
        public const string UnknownStorageCauses = "unknown_storage_causes";
        /// <summary>Summary: the casts that met unknown storage most (objects of location, cause, count).</summary>
        public const string UnknownStorageSites = "unknown_storage_sites";
        /// <summary>Unknown-storage sites: why the first check there met unknown storage.</summary>
        public const string Cause = "cause";

        /// <summary>Notes: the text.</summary>
        public const string Message = "message";
    }

    /// <summary>A location object (<see cref="Fields.File"/>, line, column, function) as written by the formatter.</summary>
    /// <exception cref="KeyNotFoundException">Line or column is missing.</exception>
    /// <exception cref="InvalidOperationException">A field has another JSON type.</exception>
    public static SourceLocation ReadLocation(JsonElement l) =>
        new(OptionalString(l, Fields.File), l.GetProperty(Fields.Line).GetUInt32(), l.GetProperty(Fields.Column).GetUInt32(),
            OptionalString(l, Fields.Function));

    /// <summary>The location object in field <paramref name="name"/> of <paramref name="o"/>; null when absent or null.</summary>
    public static SourceLocation? ReadOptionalLocation(JsonElement o, string name) =>
        o.TryGetProperty(name, out var l) && l.ValueKind == JsonValueKind.Object ? ReadLocation(l) : null;

    /// <summary>One entry of a summary's <see cref="Fields.Reports"/> or <see cref="Fields.SuppressedReports"/>.</summary>
    /// <exception cref="KeyNotFoundException">A required field is missing.</exception>
    /// <exception cref="FormatException">A required string is null.</exception>
    public static DistinctReport ReadDistinctReport(JsonElement r) =>
        new(ReadLocation(r.GetProperty(Fields.Location)), RequiredString(r, Fields.Check), RequiredString(r, Fields.ExpectedType),
            r.GetProperty(Fields.Count).GetInt64())
        {
            Allocation = new MetAllocation(RequiredString(r, Fields.Kind), OptionalString(r, Fields.AllocationType),
                OptionalString(r, Fields.AllocationElementType), ReadOptionalLocation(r, Fields.AllocationSite)),
        };

    /// <summary>The string in field <paramref name="name"/>; null when absent, null or not a string.</summary>
    public static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The string the contract requires in field <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">It is missing.</exception>
    /// <exception cref="FormatException">It is null.</exception>
    public static string RequiredString(JsonElement o, string name) =>
        o.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
}
