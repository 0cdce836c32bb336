// Instruments C text in-process and checks what comes out, for the instrumenter's tests.
using System.Text;
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Driver;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Libclang;
using Liballocs.Instrument.Types;
using Liballocs.Instrument.Uniqtypes;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

/// <summary>Runs <see cref="SourceInstrumenter"/> on C text and compiles what it writes.</summary>
internal static class Instrumenting
{
    /// <summary>
    /// Writes <paramref name="source"/> as <c>t.c</c> in a fresh directory and instruments it as
    /// <c>allocscc <paramref name="flags"/> -c t.c</c> would.
    /// </summary>
    public static InstrumentationResult Source(string source, params string[] flags) => File(WriteSource(source), flags);

    /// <summary>Instruments the file at <paramref name="path"/> as <c>allocscc <paramref name="flags"/> -c path</c> would.</summary>
    public static InstrumentationResult File(string path, params string[] flags) => File(path, BuiltInAllocators.Value, flags);

    /// <summary>Instruments the file at <paramref name="path"/> with the allocator configuration <paramref name="allocators"/>.</summary>
    public static InstrumentationResult File(string path, AllocatorConfiguration allocators, params string[] flags)
    {
        Assert.Null(LibclangLoader.TryLoad());
        CompilerCommandLine line = CompilerCommandLine.Parse([.. flags, "-c", path]);
        IReadOnlyList<string> compilerMacros = CompilerMacros.PrefixArguments(["gcc"], line.PredefineOptions, line.CommandLineMacros,
            Path.GetDirectoryName(path)!, out Diagnostic? problem);
        Assert.Null(problem);
        return SourceInstrumenter.Instrument(path, CompilerDriver.OptionsFor(line, new ToolLayout(Repo.Root), allocators, compilerMacros));
    }

    /// <summary>The built-in allocator configuration (instrument/allocators.yaml), read once.</summary>
    public static readonly Lazy<AllocatorConfiguration> BuiltInAllocators = new(() =>
    {
        ConfigurationOutcome outcome = AllocatorConfigurationLoader.Load(new ToolLayout(Repo.Root).AllocatorsFile, []);
        Assert.True(outcome.Configuration is not null, outcome.Error?.Format());
        return outcome.Configuration;
    });

    /// <summary>The built-in configuration merged with <paramref name="yaml"/> (a user's file, named <c>user.yaml</c> in messages).</summary>
    public static AllocatorConfiguration WithAllocators(string yaml)
    {
        string builtIn = System.IO.File.ReadAllText(new ToolLayout(Repo.Root).AllocatorsFile);
        ConfigurationOutcome outcome = AllocatorConfigurationLoader.FromTexts([("allocators.yaml", builtIn), ("user.yaml", yaml)]);
        Assert.True(outcome.Configuration is not null, outcome.Error?.Format());
        return outcome.Configuration;
    }

    /// <summary>A fresh directory holding <paramref name="source"/> as <c>t.c</c>; returns the file's path.</summary>
    public static string WriteSource(string source)
    {
        string path = Path.Combine(Processes.TempDirectory("instrument"), "t.c");
        System.IO.File.WriteAllText(path, source);
        return path;
    }

    /// <summary>The instrumented text (which must exist).</summary>
    public static string Text(InstrumentationResult result)
    {
        Assert.True(result.Output is not null, string.Join('\n', result.Diagnostics.Select(d => d.Format())));
        return Encoding.UTF8.GetString(result.Output);
    }

    /// <summary>Line <paramref name="line"/> (1-based) of the original part of the instrumented text.</summary>
    public static string Line(InstrumentationResult result, int line)
    {
        string text = Text(result);
        int start = text.IndexOf("#line 1 \"", StringComparison.Ordinal);
        string[] lines = text[(text.IndexOf('\n', start) + 1)..].Split('\n');
        return lines[line - 1];
    }

    /// <summary>
    /// Compiles the instrumented text with gcc (<c>-fsyntax-only</c> unless <paramref name="flags"/>
    /// say otherwise) beside the original, so quoted includes resolve; fails the test with gcc's
    /// messages when gcc fails or, with <c>-Werror</c> among the flags, warns.
    /// </summary>
    public static void AssertCompiles(InstrumentationResult result, string original, params string[] flags)
    {
        string copy = Path.Combine(Path.GetDirectoryName(original)!, "instrumented-" + Path.GetFileName(original));
        System.IO.File.WriteAllBytes(copy, result.Output ?? throw new InvalidOperationException("not instrumented"));
        string[] mode = flags.Contains("-c") ? ["-o", copy + ".o"] : ["-fsyntax-only"];
        ProcessResult gcc = Processes.Run("gcc", [.. mode, "-idirafter", Repo.Include, .. flags, copy]);
        Assert.True(gcc.ExitCode == 0, $"gcc failed on {copy}:\n{gcc.All}");
    }

    /// <summary>As <see cref="AssertCompiles"/> with clang (<c>-fsyntax-only</c>), when clang-14 is installed; else nothing.</summary>
    public static void AssertCompilesWithClang(InstrumentationResult result, string original, params string[] flags)
    {
        const string Clang = "/usr/bin/clang-14";
        if (!System.IO.File.Exists(Clang))
        {
            return;
        }

        string copy = Path.Combine(Path.GetDirectoryName(original)!, "clang-" + Path.GetFileName(original));
        System.IO.File.WriteAllBytes(copy, result.Output ?? throw new InvalidOperationException("not instrumented"));
        ProcessResult clang = Processes.Run(Clang, ["-fsyntax-only", "-idirafter", Repo.Include, .. flags, copy]);
        Assert.True(clang.ExitCode == 0, $"clang failed on {copy}:\n{clang.All}");
    }

    /// <summary>
    /// Compiles the instrumented text strictly (<c>-Wall -Wextra -Werror</c>) with <paramref name="stubs"/> (C defining some of the
    /// runtime's entry points, to observe them), links the runtime's weak stubs for the rest
    /// (libliballocs_dummyweaks.a), runs the program and returns what it did.
    /// </summary>
    public static ProcessResult CompileAndRun(InstrumentationResult result, string original, string stubs, params string[] flags)
    {
        string directory = Path.GetDirectoryName(original)!;
        string copy = Path.Combine(directory, "instrumented-" + Path.GetFileName(original));
        System.IO.File.WriteAllBytes(copy, result.Output ?? throw new InvalidOperationException("not instrumented"));
        string stub = Path.Combine(directory, "stubs.c");
        System.IO.File.WriteAllText(stub, stubs);
        string program = Path.Combine(directory, "program");
        ProcessResult gcc = Processes.Run("gcc", ["-Wall", "-Wextra", "-Werror", .. flags, "-idirafter", Repo.Include,
            "-o", program, copy, stub, Path.Combine(Repo.Lib, "libliballocs_dummyweaks.a")]);
        Assert.True(gcc.ExitCode == 0, $"gcc failed on {copy}:\n{gcc.All}");
        return Processes.Run(program, []);
    }

    /// <summary>The liballocs name of <paramref name="type"/>, or null.</summary>
    public static string? NameOf(CType? type) => type is null ? null : new UniqtypeCatalog(new DiagnosticBag()).NameOf(type);

    /// <summary>The IDs of the diagnostics reported.</summary>
    public static List<string> DiagnosticIds(InstrumentationResult result) => [.. result.Diagnostics.Select(d => d.Descriptor.Id)];
}
