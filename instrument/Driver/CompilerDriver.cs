// allocscc as a drop-in cc: instrument the C sources, run the real compiler, link the runtime.
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Libclang;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Driver;

/// <summary>
/// allocscc as a drop-in for <c>cc</c>: instruments each C source into a fresh temporary directory
/// (same base name, so default output names do not change), runs the real compiler on the copies
/// with the user's arguments otherwise unchanged, and links the runtime when the command links.
/// The exit status is the real compiler's. The allocator configuration (built-in, then
/// <c>LIBALLOCS_ALLOCATORS</c>, then <c>--allocators</c> files) is loaded first: when it is
/// malformed, nothing is compiled and nothing written. <c>--explain-allocations</c> prints what
/// each allocation site allocates, and why, on <paramref name="output"/> instead of compiling.
/// </summary>
internal sealed class CompilerDriver(DriverSettings settings, TextWriter error, TextWriter? output = null)
{
    /// <summary>Clang options that keep libclang as lenient as gcc 12, which only warns about these.</summary>
    private static readonly string[] GccLeniency =
    [
        "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int", "-Wno-error=int-conversion",
        "-Wno-error=incompatible-function-pointer-types", "-Wno-error=incompatible-pointer-types", "-Wno-error=return-type",
    ];

    /// <summary>Compiles as <c>cc <paramref name="args"/></c> would, instrumenting C sources; returns the exit status.</summary>
    public int Run(IReadOnlyList<string> args)
    {
        CompilerCommandLine line = CompilerCommandLine.Parse(args);
        bool verbose = settings.Verbose || line.Verbose;
        if (line.MissingValue is string missing)
        {
            Report(new Diagnostic(DiagnosticDescriptors.BadCommandLine, missing), verbose);
            return 1;
        }

        if (line.ExplainAllocations)
        {
            return Explain(line, verbose);
        }

        if (line.Links && line.Arguments.Contains("-static"))
        {
            Report(new Diagnostic(DiagnosticDescriptors.BadCommandLine, "-static is not supported (the runtime is a shared library)"), verbose);
            return 1;
        }

        if (!line.IsPassThrough && line.Is32Bit)
        {
            Report(new Diagnostic(DiagnosticDescriptors.BadCommandLine, "-m32 and -mx32 are not supported (the runtime is 64-bit only)"), verbose);
            return 1;
        }

        if (!line.IsPassThrough && line.ReadsCFromStandardInput)
        {
            Report(new Diagnostic(DiagnosticDescriptors.StandardInputUninstrumented,
                "a source read from standard input (-x c -) is compiled uninstrumented", "<stdin>"), verbose);
        }

        if (!line.IsPassThrough && line.PacksStructs)
        {
            // gcc ignores #pragma pack under -fpack-struct, so the runtime's own structures would change layout in instrumented code.
            foreach (CompilerInput input in line.Inputs.Where(i => i.IsCSource))
            {
                Report(new Diagnostic(DiagnosticDescriptors.PackedStructsUninstrumented,
                    "-fpack-struct changes the layout of the runtime's metadata structures; compiling uninstrumented", input.Path), verbose);
            }

            return Compile([.. Prefix(line), .. line.Arguments], verbose);
        }

        if (line.IsPassThrough || !line.Inputs.Any(i => i.IsCSource))
        {
            return Compile([.. Prefix(line), .. line.Arguments], verbose);
        }

        if (LoadAllocators(line, verbose) is not AllocatorConfiguration allocators)
        {
            return 1;
        }

        if (LibclangLoader.TryLoad() is string reason)
        {
            Report(new Diagnostic(DiagnosticDescriptors.LibclangUnavailable, reason), verbose);
            return 1;
        }

        DirectoryInfo temporary = Directory.CreateTempSubdirectory("allocscc-");
        try
        {
            return CompileInstrumented(line, allocators, temporary.FullName, verbose);
        }
        finally
        {
            if (settings.KeepTemporaries)
            {
                error.WriteLine($"allocscc: kept instrumented sources in {temporary.FullName}");
            }
            else
            {
                try
                {
                    temporary.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // Leftovers in /tmp are harmless; never fail a build over them.
                }
            }
        }
    }

    /// <summary>The allocator configuration of this command, or null after reporting why there is none.</summary>
    private AllocatorConfiguration? LoadAllocators(CompilerCommandLine line, bool verbose)
    {
        // The environment's file first, so a command line's --allocators can override what it says.
        var userFiles = new List<string>();
        if (settings.AllocatorsFile is string fromEnvironment)
        {
            userFiles.Add(fromEnvironment);
        }

        userFiles.AddRange(line.AllocatorFiles);
        ConfigurationOutcome outcome = AllocatorConfigurationLoader.Load(settings.Layout.AllocatorsFile, userFiles);
        if (outcome.Error is Diagnostic problem)
        {
            Report(problem, verbose);
        }

        return outcome.Configuration;
    }

    /// <summary><c>--explain-allocations</c>: one line per allocation site of each C source, and nothing compiled.</summary>
    private int Explain(CompilerCommandLine line, bool verbose)
    {
        List<CompilerInput> sources = [.. line.Inputs.Where(i => i.IsCSource)];
        if (sources.Count == 0)
        {
            Report(new Diagnostic(DiagnosticDescriptors.BadCommandLine, "--explain-allocations needs a C source file"), verbose);
            return 1;
        }

        if (LoadAllocators(line, verbose) is not AllocatorConfiguration allocators)
        {
            return 1;
        }

        if (LibclangLoader.TryLoad() is string reason)
        {
            Report(new Diagnostic(DiagnosticDescriptors.LibclangUnavailable, reason), verbose);
            return 1;
        }

        DirectoryInfo temporary = Directory.CreateTempSubdirectory("allocscc-");
        try
        {
            return Explain(line, allocators, CompilerMacrosFor(line, temporary.FullName, verbose), verbose);
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }

    private int Explain(CompilerCommandLine line, AllocatorConfiguration allocators, IReadOnlyList<string> compilerMacros, bool verbose)
    {
        InstrumentOptions options = OptionsFor(line, settings.Layout, allocators, compilerMacros);
        InstrumentOptions clangsOwn = OptionsFor(line, settings.Layout, allocators, []);
        TextWriter lines = output ?? Console.Out;
        int status = 0;
        foreach (CompilerInput input in line.Inputs.Where(i => i.IsCSource))
        {
            InstrumentationResult result = InstrumentOne(input.Path, options, clangsOwn);
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                Report(diagnostic, verbose);
            }

            if (result.Output is null)
            {
                status = 1; // cannot be parsed: nothing to explain, and the warning says why
                continue;
            }

            foreach (string explanation in AllocationExplanation.Lines(input.Path, result, allocators))
            {
                lines.WriteLine(explanation);
            }
        }

        return status;
    }

    private int CompileInstrumented(CompilerCommandLine line, AllocatorConfiguration allocators, string temporary, bool verbose)
    {
        InstrumentOptions options = OptionsFor(line, settings.Layout, allocators, CompilerMacrosFor(line, temporary, verbose));
        InstrumentOptions clangsOwn = OptionsFor(line, settings.Layout, allocators, []);
        var copies = new Dictionary<int, (string Copy, string Directory)>();
        foreach (CompilerInput input in line.Inputs.Where(i => i.IsCSource))
        {
            InstrumentationResult result = InstrumentOne(input.Path, options, clangsOwn);
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                Report(diagnostic, verbose);
            }

            if (result.Output is null)
            {
                continue;
            }

            // One directory per source, so copies never see each other through quoted includes.
            string directory = Path.Combine(temporary, copies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // A base name of its own, so `#include __FILE__` (the #line name) misses the copy and finds the original through -iquote.
            string copy = Path.Combine(directory, CopyName(input.Path));
            try
            {
                Directory.CreateDirectory(directory);
                File.WriteAllBytes(copy, result.Output);
            }
            catch (IOException e)
            {
                Report(new Diagnostic(DiagnosticDescriptors.SourceUnreadable,
                    $"cannot write the instrumented copy ({e.Message}); compiling uninstrumented", input.Path), verbose);
                continue;
            }

            copies.Add(input.Index, (copy, SourceDirectory(input.Path)));
            if (verbose)
            {
                error.WriteLine($"allocscc: {input.Path}: {result.Summary}");
            }

            if (verbose || line.Stats)
            {
                error.WriteLine($"allocscc: {input.Path}: {result.Casts.Statistics}");
            }
        }

        // Every compile runs (each reports its errors, as one gcc command would); the link only when all succeeded.
        (List<List<string>> compiles, List<string>? link) = Commands(line, copies, temporary);
        int status = 0;
        foreach (List<string> command in compiles)
        {
            int compiled = CompileCopies(command, line, copies, verbose);
            status = status != 0 ? status : compiled;
        }

        if (link is not null && status == 0)
        {
            status = Compile(link, verbose);
        }

        if (line.WritesDependencies)
        {
            var diagnostics = new DiagnosticBag();
            foreach (CompilerInput input in line.Inputs.Where(i => copies.ContainsKey(i.Index)))
            {
                DependencyFiles.Fix(line, input.Path, copies[input.Index].Copy, diagnostics);
            }

            foreach (Diagnostic diagnostic in diagnostics.Items)
            {
                Report(diagnostic, verbose);
            }
        }

        return status;
    }

    /// <summary>The instrumented copy's file name: <c>name.allocs.c</c> for <c>name.c</c>.</summary>
    internal static string CopyName(string source) =>
        Path.GetFileNameWithoutExtension(source) + ".allocs" + Path.GetExtension(source);

    /// <summary>
    /// Instruments <paramref name="path"/> parsed with the real compiler's macros (<paramref name="options"/>). Should libclang fail under
    /// them (a system header's gcc-only branch clang cannot read, e.g. glibc's <c>_Generic</c> over gcc's distinct <c>_Float32</c>),
    /// it parses with clang's own (<paramref name="clangsOwn"/>), with a verbose note: instrumented as clang sees it beats not at all.
    /// </summary>
    private static InstrumentationResult InstrumentOne(string path, InstrumentOptions options, InstrumentOptions clangsOwn)
    {
        InstrumentationResult result = InstrumentOne(path, options);
        if (result.Output is not null || ReferenceEquals(options.ClangArguments, clangsOwn.ClangArguments)
            || options.ClangArguments.SequenceEqual(clangsOwn.ClangArguments)
            || result.Diagnostics.FirstOrDefault(d => d.Descriptor == DiagnosticDescriptors.CannotInstrument) is not Diagnostic failure)
        {
            return result;
        }

        InstrumentationResult retried = InstrumentOne(path, clangsOwn);
        if (retried.Output is null)
        {
            return result;
        }

        Diagnostic note = new(DiagnosticDescriptors.ParsedWithClangMacros,
            $"libclang cannot parse this file under the compiler's predefined macros ({failure.Message}); parsed with clang's own", path);
        return retried with { Diagnostics = [note, .. retried.Diagnostics] };
    }

    private static InstrumentationResult InstrumentOne(string path, InstrumentOptions options)
    {
        try
        {
            return SourceInstrumenter.Instrument(path, options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in allocscc must not break the user's build: compile the file as it is.
            return InstrumentationResult.Uninstrumented(
                [new Diagnostic(DiagnosticDescriptors.CannotInstrument, $"cannot instrument (internal error: {e.Message}); compiling uninstrumented", path)]);
        }
    }

    /// <summary>
    /// The real compiler commands: compiles, then (null when there is none) a link. Quoted includes of a copy must resolve against its
    /// original directory, so the directory is added with <c>-iquote</c> ahead of the user's options. When the sources come from two or
    /// more directories, no source may see another's directory: with <c>-c</c> (or <c>-S</c>, <c>-fsyntax-only</c>) each directory's
    /// sources get a command of their own; when linking, each copy is compiled with <c>-c</c> into <paramref name="temporary"/> and the
    /// objects are linked in the original order with the rest of the command line. <c>-o</c> with several inputs and <c>-c</c> or
    /// <c>-S</c> is left to the real compiler, given the command as it is, to reject as it does.
    /// </summary>
    private (List<List<string>> Compiles, List<string>? Link) Commands(CompilerCommandLine line,
        Dictionary<int, (string Copy, string Directory)> copies, string temporary)
    {
        List<string> directories = [.. copies.Values.Select(c => c.Directory).Distinct(StringComparer.Ordinal)];
        // The copies' base names differ from the sources', so outputs gcc would name after a source get an explicit -o.
        bool namesOutputs = copies.Count > 0 && (line.CompileOnly || line.AssembleOnly) && !line.SyntaxOnly && line.Output is null;
        if (directories.Count <= 1 && !namesOutputs)
        {
            List<string> command = [.. Prefix(line)];
            foreach (string directory in directories)
            {
                command.Add("-iquote");
                command.Add(directory);
            }

            for (int i = 0; i < line.Arguments.Count; i++)
            {
                command.Add(copies.TryGetValue(i, out (string Copy, string Directory) copy) ? copy.Copy : line.Arguments[i]);
            }

            return ([command], null);
        }

        if ((line.CompileOnly || line.AssembleOnly) && line.Output is not null && line.Inputs.Count > 1 && directories.Count > 1)
        {
            return ([[.. Prefix(line), .. line.Arguments]], null); // gcc: cannot specify '-o' with '-c', '-S' or '-E' with multiple files
        }

        return line.StopsBeforeLinking ? (CompilesPerGroup(line, copies, namesOutputs), null) : CompileEachThenLink(line, copies, temporary);
    }

    /// <summary>
    /// Compiles that stop before linking: a command per source directory, or, when <paramref name="perSource"/>, per source with
    /// <c>-o</c> the name gcc would give its output (<c>name.o</c> or <c>name.s</c> in the current directory). Other inputs go to the first.
    /// </summary>
    private List<List<string>> CompilesPerGroup(CompilerCommandLine line, Dictionary<int, (string Copy, string Directory)> copies,
        bool perSource)
    {
        var commands = new List<List<string>>();
        var inputIndices = line.Inputs.Select(i => i.Index).ToHashSet();
        List<string> groups = perSource
            ? [.. copies.Keys.Order().Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [.. copies.Values.Select(c => c.Directory).Distinct(StringComparer.Ordinal)];
        string GroupOf(int index) => perSource ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : copies[index].Directory;
        foreach (string group in groups)
        {
            string directory = perSource ? copies[int.Parse(group, System.Globalization.CultureInfo.InvariantCulture)].Directory : group;
            List<string> command = [.. Prefix(line), "-iquote", directory];
            for (int i = 0; i < line.Arguments.Count; i++)
            {
                if (copies.TryGetValue(i, out (string Copy, string Directory) copy))
                {
                    if (GroupOf(i) == group)
                    {
                        command.Add(copy.Copy);
                        if (perSource)
                        {
                            command.AddRange(["-o", Path.GetFileNameWithoutExtension(line.Arguments[i]) + (line.AssembleOnly ? ".s" : ".o")]);
                        }
                    }
                }
                else if (!inputIndices.Contains(i) || group == groups[0])
                {
                    command.Add(line.Arguments[i]); // options everywhere; other inputs once
                }
            }

            commands.Add(command);
        }

        return commands;
    }

    /// <summary>
    /// Each copy compiled alone (<c>-c -o</c> an object in <paramref name="temporary"/>, beside its own directory's <c>-iquote</c>, with
    /// the user's options but not the output, the other inputs or what only the linker reads), then the link of the user's command
    /// with each copy replaced by its object, read as an object whatever <c>-x</c> says there.
    /// </summary>
    private (List<List<string>> Compiles, List<string>? Link) CompileEachThenLink(CompilerCommandLine line,
        Dictionary<int, (string Copy, string Directory)> copies, string temporary)
    {
        var inputIndices = line.Inputs.Select(i => i.Index).ToHashSet();
        var options = new List<string>();
        for (int i = 0; i < line.Arguments.Count; i++)
        {
            string a = line.Arguments[i];
            if (inputIndices.Contains(i))
            {
                continue;
            }

            if (a is "-o" or "-Xlinker" or "-l" or "-T" or "-u" or "-z" or "-e" or "-L")
            {
                i++; // the option's value goes too
                continue;
            }

            if (a.StartsWith("-o", StringComparison.Ordinal) || a.StartsWith("-l", StringComparison.Ordinal)
                || a.StartsWith("-Wl,", StringComparison.Ordinal) || a.StartsWith("-L", StringComparison.Ordinal)
                || a is "-x" or "-shared" or "-static" or "-pie" or "-no-pie" or "-rdynamic" or "-nostdlib" or "-nostartfiles" or "-nodefaultlibs")
            {
                if (a == "-x")
                {
                    i++;
                }

                continue;
            }

            if (a.StartsWith("-x", StringComparison.Ordinal))
            {
                continue;
            }

            options.Add(a);
        }

        List<string> compilePrefix = [.. settings.RealCompiler, "-idirafter", settings.Layout.IncludeDirectory];
        var compiles = new List<List<string>>();
        var objects = new Dictionary<int, string>();
        foreach ((int index, (string copy, string directory)) in copies.OrderBy(c => c.Key))
        {
            string obj = Path.Combine(temporary, $"{objects.Count}-{Path.GetFileNameWithoutExtension(copy)}.o");
            objects.Add(index, obj);
            compiles.Add([.. compilePrefix, "-iquote", directory, .. options, .. DependencyOptions(line, line.Arguments[index]),
                "-c", "-x", "c", copy, "-o", obj]);
        }

        List<string> link = [.. Prefix(line)];
        string? language = null;
        for (int i = 0; i < line.Arguments.Count; i++)
        {
            string a = line.Arguments[i];
            if (objects.TryGetValue(i, out string? obj))
            {
                link.AddRange(language is null ? [obj] : ["-x", "none", obj, "-x", language]);
                continue;
            }

            link.Add(a);
            if (a == "-x" && i + 1 < line.Arguments.Count)
            {
                language = line.Arguments[i + 1] == "none" ? null : line.Arguments[i + 1];
                link.Add(line.Arguments[++i]);
            }
            else if (a.StartsWith("-x", StringComparison.Ordinal) && a.Length > 2)
            {
                language = a[2..] == "none" ? null : a[2..];
            }
        }

        return (compiles, link);
    }

    /// <summary>
    /// For a copy compiled alone before the link: what makes its dependency file the one gcc would have written linking in one step, where
    /// gcc puts it (<c>-MF</c> unless the user named the file) and with gcc's target (<c>-MQ</c>, the output or <c>name.o</c>, unless the
    /// user named it), rather than next to and about the temporary object.
    /// </summary>
    private static List<string> DependencyOptions(CompilerCommandLine line, string source)
    {
        if (!line.WritesDependencies)
        {
            return [];
        }

        List<string> options = [];
        if (line.DependencyFile is null)
        {
            options.AddRange(["-MF", DependencyFiles.Candidates(line, source).First()]);
        }

        if (!line.NamesDependencyTarget)
        {
            options.AddRange(["-MQ", line.Output ?? Path.GetFileNameWithoutExtension(source) + ".o"]);
        }

        return options;
    }

    /// <summary>The real compiler and what allocscc always adds: the runtime when linking, and its headers.</summary>
    private List<string> Prefix(CompilerCommandLine line)
    {
        List<string> prefix = [.. settings.RealCompiler];
        if (line.Links)
        {
            string lib = settings.Layout.LibraryDirectory;
            // Before the user's inputs, so the runtime precedes libc and its malloc interposes.
            // -z nodelete: an instrumented object's uniqtypes, sites and TU record are pointed to
            // from heap chunks and the runtime's registry, so dlclose must not unmap them.
            prefix.AddRange([$"-L{lib}", $"-Wl,-rpath,{lib}", "-Wl,--push-state,--no-as-needed", "-lliballocs", "-Wl,--pop-state",
                "-Wl,-z,nodelete"]);
        }

        prefix.AddRange(["-idirafter", settings.Layout.IncludeDirectory]);
        return prefix;
    }

    /// <summary>
    /// How libclang must parse the sources of <paramref name="line"/> to see what the compiler will:
    /// as C, with the real compiler's predefined macros (<paramref name="compilerMacros"/>, from
    /// <see cref="CompilerMacros.PrefixArguments"/>; empty for clang's own), the compile's preprocessor and target options, the runtime's and the checks' headers
    /// after all others, and as lenient as gcc about old-style code; casts to the default "like" types
    /// and those of <c>--allocscc-like-a</c> are checked with <c>like_a</c>; <paramref name="allocators"/> says what allocates.
    /// </summary>
    public static InstrumentOptions OptionsFor(CompilerCommandLine line, ToolLayout layout, AllocatorConfiguration allocators,
        IReadOnlyList<string> compilerMacros) =>
        new(layout.IncludeDirectory,
            ["-x", "c", .. compilerMacros, .. line.ClangArguments, "-idirafter", layout.IncludeDirectory, .. GccLeniency],
            (line.Is32Bit ? DataModel.Ilp32 : DataModel.Lp64).WithCharSigned(!line.CharIsUnsigned),
            new HashSet<string>([.. CheckKinds.DefaultLikeTypes, .. line.LikeTypes], StringComparer.Ordinal), allocators);

    /// <summary>The libclang arguments that parse with the real compiler's predefined macros (written into <paramref name="directory"/>);
    /// none, after a warning, when the compiler does not print them.</summary>
    private IReadOnlyList<string> CompilerMacrosFor(CompilerCommandLine line, string directory, bool verbose)
    {
        IReadOnlyList<string> arguments = CompilerMacros.PrefixArguments(settings.RealCompiler, line.PredefineOptions, line.CommandLineMacros,
            directory, out Diagnostic? problem);
        if (problem is not null)
        {
            Report(problem, verbose);
        }

        return arguments;
    }

    private static string SourceDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";

    /// <summary>
    /// Runs a compile of instrumented copies. Should the copies not compile where the sources do (instrumentation that met something it
    /// did not foresee), the sources are compiled as they are after a warning naming the compiler's first error: a build never fails
    /// because of allocscc. The compiler's messages are those of the compile that counts. One failing copy takes the command's other
    /// copies with it (they are compiled as they are too, each named in a warning).
    /// </summary>
    private int CompileCopies(List<string> command, CompilerCommandLine line, Dictionary<int, (string Copy, string Directory)> copies, bool verbose)
    {
        var originals = copies.ToDictionary(c => c.Value.Copy, c => line.Arguments[c.Key], StringComparer.Ordinal);
        if (!command.Exists(originals.ContainsKey))
        {
            return Compile(command, verbose);
        }

        if (verbose)
        {
            error.WriteLine($"allocscc: running: {ShellWords.Join(command)}");
        }

        int status = RealCompiler.RunCapturing(command, out byte[] stdout, out string stderr);
        if (status == 0 || status == RealCompiler.NotFound)
        {
            WriteOutput(stdout);
            error.Write(stderr);
            return status;
        }

        List<string> plain = command.ConvertAll(a => originals.GetValueOrDefault(a, a));
        if (verbose)
        {
            error.WriteLine($"allocscc: running: {ShellWords.Join(plain)}");
        }

        int retried = RealCompiler.RunCapturing(plain, out byte[] plainStdout, out string plainStderr);
        if (retried == 0)
        {
            string firstError = stderr.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal))?.Trim() ?? $"exit status {status}";
            foreach (string source in command.Where(originals.ContainsKey).Select(c => originals[c]))
            {
                Report(new Diagnostic(DiagnosticDescriptors.CopyDidNotCompile,
                    $"the instrumented copy did not compile ({firstError}); compiled uninstrumented", source), verbose);
            }
        }

        // When the sources fail too the fault is theirs: what the compile of the sources themselves printed.
        WriteOutput(plainStdout);
        error.Write(plainStderr);
        return retried;
    }

    /// <summary>Passes on what a captured compile wrote to standard output, byte for byte.</summary>
    private void WriteOutput(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        if (output is not null)
        {
            output.Write(System.Text.Encoding.UTF8.GetString(bytes));
            output.Flush();
            return;
        }

        Console.Out.Flush();
        using Stream stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
    }

    private int Compile(List<string> command, bool verbose)
    {
        if (verbose)
        {
            error.WriteLine($"allocscc: running: {ShellWords.Join(command)}");
        }

        return RealCompiler.Run(command, error);
    }

    private void Report(Diagnostic diagnostic, bool verbose)
    {
        if (verbose || diagnostic.Descriptor.Severity != DiagnosticSeverity.Verbose)
        {
            error.WriteLine(diagnostic.Format());
        }
    }
}
