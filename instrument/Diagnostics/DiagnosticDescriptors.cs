// The table of every diagnostic allocscc reports (LA1001...).
namespace Liballocs.Instrument.Diagnostics;

/// <summary>Every diagnostic allocscc can report, in one table. IDs are stable: never renumber or reuse one.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>An allocation site whose allocated type could not be inferred; it is recorded untyped.</summary>
    public static readonly DiagnosticDescriptor UntypedAllocationSite =
        new("LA1001", DiagnosticSeverity.Verbose, "cannot infer the allocated type");

    /// <summary>An allocation call inside a macro expansion (or text included from elsewhere), left as it is: its text is not in the file.</summary>
    public static readonly DiagnosticDescriptor AllocationInMacro =
        new("LA1002", DiagnosticSeverity.Verbose, "allocation call in a macro expansion is not instrumented");

    /// <summary>A local whose address escapes but that cannot safely get a stack record.</summary>
    public static readonly DiagnosticDescriptor LocalNotRecorded =
        new("LA1003", DiagnosticSeverity.Verbose, "local variable is not recorded");

    /// <summary>clang could not parse the file; it is compiled without instrumentation.</summary>
    public static readonly DiagnosticDescriptor CannotInstrument =
        new("LA1004", DiagnosticSeverity.Warning, "cannot instrument; compiling uninstrumented");

    /// <summary>libclang could not be loaded.</summary>
    public static readonly DiagnosticDescriptor LibclangUnavailable =
        new("LA1005", DiagnosticSeverity.Error, "cannot load libclang");

    /// <summary>Two different types in one file would get the same uniqtype name; the later one is renamed.</summary>
    public static readonly DiagnosticDescriptor TypeNameCollision =
        new("LA1006", DiagnosticSeverity.Verbose, "two types share a name; renamed");

    /// <summary>A dependency file (-MD/-MMD) names the instrumented copy and could not be corrected.</summary>
    public static readonly DiagnosticDescriptor DependencyFileNotFixed =
        new("LA1007", DiagnosticSeverity.Warning, "cannot correct the dependency file");

    /// <summary>A source file could not be read or the instrumented copy could not be written.</summary>
    public static readonly DiagnosticDescriptor SourceUnreadable =
        new("LA1008", DiagnosticSeverity.Warning, "cannot read the source or write its instrumented copy; compiling uninstrumented");

    /// <summary>An allocation call that cannot be wrapped without changing the program's meaning (e.g. its result is not a pointer).</summary>
    public static readonly DiagnosticDescriptor AllocationNotInstrumented =
        new("LA1010", DiagnosticSeverity.Verbose, "allocation call is not instrumented");

    /// <summary>A pointer cast that cannot be wrapped on its own (part of a macro expansion that holds more, from a macro defined in a header or
    /// expanded where no call may go) or whose type cannot be spelled again; not checked.</summary>
    public static readonly DiagnosticDescriptor CastNotChecked =
        new("LA1011", DiagnosticSeverity.Verbose, "pointer cast is not checked");

    /// <summary>A block-scope static variable whose declaration cannot be followed by its type descriptor; the runtime knows its bounds only.</summary>
    public static readonly DiagnosticDescriptor LocalStaticNotDescribed =
        new("LA1012", DiagnosticSeverity.Verbose, "block-scope static variable is not described");

    /// <summary>An <c>alloca</c> call that cannot be rewritten (it comes from a larger macro, or its function body from a macro); its block
    /// stays unknown.</summary>
    public static readonly DiagnosticDescriptor AllocaNotTracked =
        new("LA1013", DiagnosticSeverity.Verbose, "alloca call is not tracked");

    /// <summary>The allocator configuration (the built-in allocators.yaml or the user's <c>--allocators</c> / <c>LIBALLOCS_ALLOCATORS</c> file) is
    /// malformed: bad YAML, an unknown key, kind or role, a bad argument index, a function in two allocators...; nothing is compiled.</summary>
    public static readonly DiagnosticDescriptor BadAllocatorConfiguration =
        new("LA1014", DiagnosticSeverity.Error, "malformed allocator configuration");

    /// <summary>An allocator configuration file cannot be read (the built-in one is missing, or the user's does not exist); nothing is compiled.</summary>
    public static readonly DiagnosticDescriptor AllocatorConfigurationUnreadable =
        new("LA1015", DiagnosticSeverity.Error, "cannot read the allocator configuration");

    /// <summary>The <c>type:</c> the configuration gives a function names no type this file declares; its sites stay untyped unless their size
    /// names one.</summary>
    public static readonly DiagnosticDescriptor ConfiguredTypeUnknown =
        new("LA1016", DiagnosticSeverity.Verbose, "the configured type is not declared here");

    /// <summary>A C source compiled with <c>-fpack-struct</c>: gcc then packs the runtime's metadata structures too (it ignores their
    /// <c>#pragma pack</c>), so the file is compiled uninstrumented; the runtime is still linked.</summary>
    public static readonly DiagnosticDescriptor PackedStructsUninstrumented =
        new("LA1017", DiagnosticSeverity.Warning, "-fpack-struct changes the runtime's metadata layout; compiling uninstrumented");

    /// <summary>A C source read from standard input (<c>-x c -</c>): allocscc cannot read it without taking it from the compiler, so it is
    /// compiled uninstrumented.</summary>
    public static readonly DiagnosticDescriptor StandardInputUninstrumented =
        new("LA1018", DiagnosticSeverity.Warning, "a source read from standard input is compiled uninstrumented");

    /// <summary>The allocscc command line itself is malformed (e.g. an option missing its value).</summary>
    public static readonly DiagnosticDescriptor BadCommandLine =
        new("LA1009", DiagnosticSeverity.Error, "malformed command line");

    /// <summary>The real compiler did not print its predefined macros (<c>-dM -E</c>), so libclang parses with its own (clang's view of
    /// <c>__GNUC__</c> and <c>__clang__</c>, which may differ from what the compiler sees).</summary>
    public static readonly DiagnosticDescriptor CompilerMacrosUnavailable =
        new("LA1019", DiagnosticSeverity.Warning, "cannot learn the compiler's predefined macros; parsing with clang's");

    /// <summary>The instrumented copy of a source did not compile where the source does; the source is compiled as it is.</summary>
    public static readonly DiagnosticDescriptor CopyDidNotCompile =
        new("LA1020", DiagnosticSeverity.Warning, "the instrumented copy did not compile; compiled uninstrumented");

    /// <summary>libclang could not parse a file under the real compiler's predefined macros, but could under its own: instrumented as clang
    /// sees it (branches on <c>__GNUC__</c> or <c>__clang__</c> may differ from what the compiler builds).</summary>
    public static readonly DiagnosticDescriptor ParsedWithClangMacros =
        new("LA1021", DiagnosticSeverity.Verbose, "parsed with clang's predefined macros");
}
