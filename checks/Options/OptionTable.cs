// Every run-time option, one line each: parsing, defaults and help=1 all come from this table.
namespace Liballocs.Checks.Options;

/// <summary>The table of <c>LIBALLOCS_OPTIONS</c> (checks/README.md, "Options").</summary>
public static class OptionTable
{
    /// <summary>The option names, as constants for the accessors of <see cref="CheckOptions"/>.</summary>
    public const string HaltOnError = "halt_on_error", ExitCode = "exitcode", LogPath = "log_path",
        ReportFormat = "report_format", PrintSummary = "print_summary", Suppressions = "suppressions",
        Color = "color", Verbosity = "verbosity", Help = "help", QuarantineSizeMb = "quarantine_size_mb",
        MaxMallocFillSize = "max_malloc_fill_size", MallocFillByte = "malloc_fill_byte",
        SymbolizeSeparateDebugInfo = "symbolize_separate_debuginfo";

    /// <summary>Every option, in the order help prints them.</summary>
    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new(HaltOnError, OptionType.Flag, "0", "stop the program after the first report (otherwise its behaviour and exit status are unchanged)"),
        new(ExitCode, OptionType.Integer, "1", "exit status when halting", Min: 0, Max: 255),
        new(LogPath, OptionType.Text, "", "write reports to PATH.<pid> instead", ShownDefault: "(stderr)"),
        new(ReportFormat, OptionType.Choice, "text", "`text` or `json`", Choices: ["text", "json"]),
        new(PrintSummary, OptionType.Flag, "0", "print the exit summary even when no error happened"),
        new(Suppressions, OptionType.Text, "", "file of suppression rules", ShownDefault: "(none)"),
        new(Color, OptionType.Choice, "auto", "`auto` (only on a terminal), `always`, `never`", Choices: ["auto", "always", "never"]),
        new(Verbosity, OptionType.Integer, "0", "1: note run-time decisions (lazy typing, each cast site's first unknown storage); 2: every slow-path check", Min: 0, Max: 2),
        new(SymbolizeSeparateDebugInfo, OptionType.Flag, "0",
            "also give source lines of stack frames in objects whose debugging information is a separate file (libc6-dbg, -dbgsym packages): their compressed sections are inflated whole at the first such frame, tens of ms"),
        new(Help, OptionType.Flag, "0", "print this table on stderr when the runtime starts (the first check it answers, or exit in a process where it answered none)"),
        // Read by the C layer at the first free, long before this table loads; runtime/native/liballocs_c.h has the default too.
        new(QuarantineSizeMb, OptionType.Integer, "16",
            "MiB of freed heap chunks kept from reuse, so casts of stale pointers are reported as use-after-free; 0: off",
            Min: 0, Max: 65536),
        // Read by the C layer at the first malloc; liballocs_c.h has the defaults too (ASan's).
        new(MaxMallocFillSize, OptionType.Integer, "4096",
            "bytes at the start of each new heap chunk (not calloc'd) set to malloc_fill_byte, so reads before writes see the same bytes in every run; 0: off",
            Min: 0, Max: 1 << 30),
        new(MallocFillByte, OptionType.Integer, "190", "the byte those are set to (190 is 0xbe)", Min: 0, Max: 255),
    ];

    /// <summary>The option named <paramref name="name"/>, or null.</summary>
    public static OptionSpec? Find(string name)
    {
        foreach (var o in All)
        {
            if (o.Name == name)
                return o;
        }
        return null;
    }
}
