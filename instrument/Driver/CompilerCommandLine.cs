// Classifying a gcc command line without changing it.
namespace Liballocs.Instrument.Driver;

/// <summary>
/// A gcc command line, parsed by hand. System.CommandLine is not used on purpose: it accepts only
/// the grammar it is given, while a drop-in <c>cc</c> must pass through any compiler option, joined
/// values (<c>-I/x</c>, <c>-Wl,...</c>), order-sensitive ones (<c>-x c</c>) and options it has never
/// heard of, unchanged and in order. This parser only classifies what allocscc needs to know.
/// </summary>
internal sealed class CompilerCommandLine
{
    /// <summary>Options whose value is the next argument when written alone (<c>-o out</c>, <c>-I dir</c>).</summary>
    private static readonly HashSet<string> SeparateValueOptions = new(StringComparer.Ordinal)
    {
        "-o", "-I", "-D", "-U", "-include", "-imacros", "-iquote", "-isystem", "-idirafter", "-iprefix", "-iwithprefix",
        "-iwithprefixbefore", "-isysroot", "-imultilib", "-MF", "-MT", "-MQ", "-x", "-L", "-l", "-Xlinker", "-Xassembler",
        "-Xpreprocessor", "-Xclang", "-aux-info", "--param", "-T", "-u", "-z", "-e", "-A", "-B", "-target", "--sysroot",
        "-dumpbase", "-dumpbase-ext", "-dumpdir", "-wrapper", "--define-macro", "--undefine-macro", "--include-directory",
    };

    /// <summary>gcc's long spellings of preprocessor options, and the short option libclang is given for each.</summary>
    private static readonly Dictionary<string, string> LongPreprocessorOptions = new(StringComparer.Ordinal)
    {
        ["--define-macro"] = "-D", ["--undefine-macro"] = "-U", ["--include-directory"] = "-I",
    };

    /// <summary>Options that shape preprocessing and are given to libclang too, with their value, joined or separate.</summary>
    private static readonly string[] PreprocessorPrefixes =
    [
        "-I", "-D", "-U", "-include", "-imacros", "-iquote", "-isystem", "-idirafter", "-iwithprefixbefore", "-iwithprefix", "-iprefix",
        "-isysroot", "--sysroot",
    ];

    /// <summary>Language and target options given to libclang as they are.</summary>
    private static readonly HashSet<string> ClangFlags = new(StringComparer.Ordinal)
    {
        "-ansi", "-m32", "-m64", "-mx32", "-pthread", "-nostdinc", "-funsigned-char", "-fsigned-char", "-fno-unsigned-char",
        "-fno-signed-char", "-fgnu89-inline", "-fms-extensions", "-trigraphs", "-fno-builtin",
        // These change the layout of types, so of the uniqtypes libclang describes.
        "-fshort-enums", "-fno-short-enums", "-fshort-wchar", "-fno-short-wchar", "-mms-bitfields", "-mno-ms-bitfields",
        "-malign-double", "-mno-align-double",
    };

    private const string LikeAOption = "--allocscc-like-a=";

    private const string AllocatorsOption = "--allocators";

    private readonly List<string> arguments = [];
    private readonly List<CompilerInput> inputs = [];
    private readonly List<string> clangArguments = [];
    private readonly List<string> likeTypes = [];
    private readonly List<string> allocatorFiles = [];
    private readonly List<string> predefineOptions = [];

    private CompilerCommandLine()
    {
    }

    /// <summary>The user's arguments, minus allocscc's own (<c>--allocscc-verbose</c>, <c>--allocscc-stats</c>, <c>--allocscc-like-a=</c>,
    /// <c>--allocators</c>, <c>--explain-allocations</c>).</summary>
    public IReadOnlyList<string> Arguments => arguments;

    /// <summary>Input files in order.</summary>
    public IReadOnlyList<CompilerInput> Inputs => inputs;

    /// <summary>The options libclang needs to see the file as the compiler will: include paths, macros, standard, target.</summary>
    public IReadOnlyList<string> ClangArguments => clangArguments;

    /// <summary>The options that change the compiler's predefined macros (language standard, optimisation, target, code generation),
    /// in order: what <c>$CC -dM -E</c> must be given to print the macros this compile sees.</summary>
    public IReadOnlyList<string> PredefineOptions => predefineOptions;

    /// <summary>The names of the macros the command line defines or undefines itself (<c>-D</c>, <c>-U</c>, also through <c>-Wp,</c>).</summary>
    public IReadOnlySet<string> CommandLineMacros
    {
        get
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < clangArguments.Count; i++)
            {
                string a = clangArguments[i];
                string? definition = a is "-D" or "-U" ? (i + 1 < clangArguments.Count ? clangArguments[++i] : null)
                    : a.StartsWith("-D", StringComparison.Ordinal) || a.StartsWith("-U", StringComparison.Ordinal) ? a[2..] : null;
                if (definition is not null)
                {
                    int end = definition.IndexOfAny(['=', '(']);
                    names.Add(end < 0 ? definition : definition[..end]);
                }
            }

            return names;
        }
    }

    /// <summary><c>-c</c>.</summary>
    public bool CompileOnly { get; private set; }

    /// <summary><c>-S</c>.</summary>
    public bool AssembleOnly { get; private set; }

    /// <summary><c>-E</c>.</summary>
    public bool PreprocessOnly { get; private set; }

    /// <summary><c>-M</c> or <c>-MM</c>: only print dependencies (implies preprocessing only).</summary>
    public bool DependenciesOnly { get; private set; }

    /// <summary><c>-fsyntax-only</c>.</summary>
    public bool SyntaxOnly { get; private set; }

    /// <summary><c>-MD</c> or <c>-MMD</c>: write a dependency file as a side effect of compiling.</summary>
    public bool WritesDependencies { get; private set; }

    /// <summary>The <c>-MF</c> file, if given.</summary>
    public string? DependencyFile { get; private set; }

    /// <summary>The <c>-o</c> file, if given.</summary>
    public string? Output { get; private set; }

    /// <summary><c>--allocscc-verbose</c> was given.</summary>
    public bool Verbose { get; private set; }

    /// <summary><c>--allocscc-stats</c> was given: print one line of cast statistics per file.</summary>
    public bool Stats { get; private set; }

    /// <summary>Struct tags named by <c>--allocscc-like-a=NAME,NAME</c> (any number of times), in order.</summary>
    public IReadOnlyList<string> LikeTypes => likeTypes;

    /// <summary>Allocator configuration files named by <c>--allocators FILE</c> or <c>--allocators=FILE</c>, in order (each merged over the
    /// ones before).</summary>
    public IReadOnlyList<string> AllocatorFiles => allocatorFiles;

    /// <summary>An allocscc option was given without its value (<c>--allocators</c> last); the message says which.</summary>
    public string? MissingValue { get; private set; }

    /// <summary><c>--explain-allocations</c>: print each allocation site and what it allocates, and compile nothing.</summary>
    public bool ExplainAllocations { get; private set; }

    /// <summary><c>-fpack-struct</c> or <c>-fpack-struct=N</c> (the last of these and <c>-fno-pack-struct</c>): every struct is packed, the
    /// runtime's metadata structures included, so sources are compiled uninstrumented.</summary>
    public bool PacksStructs { get; private set; }

    /// <summary>A C source is read from standard input (<c>-x c -</c>); allocscc cannot instrument it.</summary>
    public bool ReadsCFromStandardInput { get; private set; }

    /// <summary><c>-MT</c> or <c>-MQ</c> names the dependency target.</summary>
    public bool NamesDependencyTarget { get; private set; }

    /// <summary><c>-m32</c> or <c>-mx32</c> (the last of these and <c>-m64</c>): a 32-bit target, which the runtime does not support.</summary>
    public bool Is32Bit { get; private set; }

    /// <summary><c>-funsigned-char</c>: plain char is unsigned.</summary>
    public bool CharIsUnsigned { get; private set; }

    /// <summary>The compiler runs no further than preprocessing: the command goes straight to it, uninstrumented.</summary>
    public bool IsPassThrough => PreprocessOnly || DependenciesOnly;

    /// <summary>The compiler stops before linking (<c>-c</c>, <c>-S</c>, <c>-fsyntax-only</c>).</summary>
    public bool StopsBeforeLinking => CompileOnly || AssembleOnly || SyntaxOnly;

    /// <summary>The invocation links: the runtime library must be added.</summary>
    public bool Links => !StopsBeforeLinking && !IsPassThrough;

    /// <summary>Classifies <paramref name="commandLine"/> (everything after the program name), response files expanded.</summary>
    public static CompilerCommandLine Parse(IReadOnlyList<string> commandLine)
    {
        // As gcc does, before anything else: sources and options in a response file must be seen.
        List<string> args = ResponseFiles.Expand(commandLine);
        var line = new CompilerCommandLine();
        string? language = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--allocscc-verbose")
            {
                line.Verbose = true;
                continue;
            }

            if (a == "--allocscc-stats")
            {
                line.Stats = true;
                continue;
            }

            if (a.StartsWith(LikeAOption, StringComparison.Ordinal))
            {
                line.likeTypes.AddRange(a[LikeAOption.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            if (a == AllocatorsOption)
            {
                if (i + 1 < args.Count)
                {
                    line.allocatorFiles.Add(args[++i]);
                }
                else
                {
                    line.MissingValue = $"{AllocatorsOption} needs a file name (the allocator configuration)";
                }

                continue;
            }

            if (a.StartsWith(AllocatorsOption + "=", StringComparison.Ordinal))
            {
                line.allocatorFiles.Add(a[(AllocatorsOption.Length + 1)..]);
                continue;
            }

            if (a == "--explain-allocations")
            {
                line.ExplainAllocations = true;
                continue;
            }

            line.arguments.Add(a);
            if (a == "-" || a.Length == 0 || a[0] != '-')
            {
                if (a.Length > 0 && a[0] == '@')
                {
                    continue; // a response file gcc cannot open either: passed on literally
                }

                line.ReadsCFromStandardInput |= a == "-" && language == "c";
                bool isC = a != "-" && (language == "c" || (language is null && a.EndsWith(".c", StringComparison.Ordinal)));
                line.inputs.Add(new CompilerInput(line.arguments.Count - 1, a, isC));
                continue;
            }

            if (SeparateValueOptions.Contains(a))
            {
                if (i + 1 >= args.Count)
                {
                    continue; // the compiler reports the missing value
                }

                string value = args[++i];
                line.arguments.Add(value);
                line.Option(a, value, ref language);
                continue;
            }

            line.Flag(a, ref language);
        }

        return line;
    }

    private void Option(string option, string value, ref string? language)
    {
        switch (option)
        {
            case "-o":
                Output = value;
                break;
            case "-MF":
                DependencyFile = value;
                break;
            case "-MT" or "-MQ":
                NamesDependencyTarget = true;
                break;
            case "-Xpreprocessor":
                clangArguments.Add(option);
                clangArguments.Add(value);
                break;
            case "-x":
                language = value == "none" ? null : value;
                break;
            default:
                if (LongPreprocessorOptions.TryGetValue(option, out string? shortOption))
                {
                    clangArguments.Add(shortOption);
                    clangArguments.Add(value);
                }
                else if (Array.IndexOf(PreprocessorPrefixes, option) >= 0)
                {
                    clangArguments.Add(option);
                    clangArguments.Add(value);
                }

                break;
        }
    }

    /// <summary>
    /// <c>-Wp,A,B,...</c>: gcc splits it at every comma and gives the pieces to the preprocessor. Macros and include directories go to
    /// libclang too; <c>-MD FILE</c>/<c>-MMD FILE</c> (kbuild's <c>-Wp,-MD,FILE</c>) write a dependency file as <c>-MD -MF FILE</c> would.
    /// </summary>
    private void PreprocessorPassThrough(string a)
    {
        string[] pieces = a[4..].Split(',');
        for (int i = 0; i < pieces.Length; i++)
        {
            string piece = pieces[i];
            if (piece is "-MD" or "-MMD" && i + 1 < pieces.Length)
            {
                WritesDependencies = true;
                DependencyFile = pieces[++i];
            }
            else if (piece is "-MT" or "-MQ")
            {
                NamesDependencyTarget = true;
            }
            else if (piece is "-D" or "-U" or "-I" or "-include" or "-imacros" or "-iquote" or "-isystem" or "-idirafter" && i + 1 < pieces.Length)
            {
                clangArguments.Add(piece);
                clangArguments.Add(pieces[++i]);
            }
            else if (piece.StartsWith("-D", StringComparison.Ordinal) || piece.StartsWith("-U", StringComparison.Ordinal)
                || piece.StartsWith("-I", StringComparison.Ordinal))
            {
                clangArguments.Add(piece);
            }
        }
    }

    /// <summary>Whether gcc's predefined macros may depend on <paramref name="a"/> (<c>__OPTIMIZE__</c>, <c>__STDC_VERSION__</c>, <c>__PIC__</c>,
    /// <c>__AVX2__</c>, <c>_REENTRANT</c>...).</summary>
    private static bool ChangesPredefinedMacros(string a) =>
        a.StartsWith("-std=", StringComparison.Ordinal) || a.StartsWith("-O", StringComparison.Ordinal)
        || a.StartsWith("-m", StringComparison.Ordinal) || a.StartsWith("-f", StringComparison.Ordinal)
        || a.StartsWith("--sysroot=", StringComparison.Ordinal) || a is "-ansi" or "-pthread" or "-undef" or "-nostdinc";

    private void Flag(string a, ref string? language)
    {
        switch (a)
        {
            case "-c":
                CompileOnly = true;
                return;
            case "-S":
                AssembleOnly = true;
                return;
            case "-E":
                PreprocessOnly = true;
                return;
            case "-M" or "-MM":
                DependenciesOnly = true;
                return;
            case "-MD" or "-MMD":
                WritesDependencies = true;
                return;
            case "-fsyntax-only":
                SyntaxOnly = true;
                return;
        }

        if (ChangesPredefinedMacros(a))
        {
            predefineOptions.Add(a);
        }

        if (a.StartsWith("-o", StringComparison.Ordinal))
        {
            Output = a[2..];
        }
        else if (a.StartsWith("-MF", StringComparison.Ordinal))
        {
            DependencyFile = a[3..];
        }
        else if (a.StartsWith("-MT", StringComparison.Ordinal) || a.StartsWith("-MQ", StringComparison.Ordinal))
        {
            NamesDependencyTarget = true;
        }
        else if (a.StartsWith("-Wp,", StringComparison.Ordinal))
        {
            PreprocessorPassThrough(a);
        }
        else if (a == "-fpack-struct" || a.StartsWith("-fpack-struct=", StringComparison.Ordinal) || a == "-fno-pack-struct")
        {
            PacksStructs = a != "-fno-pack-struct";
        }
        else if (a is "-m32" or "-mx32" or "-m64")
        {
            Is32Bit = a != "-m64";
            clangArguments.Add(a);
        }
        else if (a.StartsWith("--target=", StringComparison.Ordinal))
        {
            clangArguments.Add(a);
        }
        else if (Array.Find([.. LongPreprocessorOptions.Keys], o => a.StartsWith(o + "=", StringComparison.Ordinal)) is string longOption)
        {
            clangArguments.Add(LongPreprocessorOptions[longOption] + a[(longOption.Length + 1)..]);
        }
        else if (a.StartsWith("-x", StringComparison.Ordinal))
        {
            language = a[2..] == "none" ? null : a[2..];
        }
        else if (a.StartsWith("-std=", StringComparison.Ordinal) || a.StartsWith("-O", StringComparison.Ordinal)
            || a.StartsWith("-march=", StringComparison.Ordinal) || ClangFlags.Contains(a)
            || Array.Exists(PreprocessorPrefixes, p => a.StartsWith(p, StringComparison.Ordinal)))
        {
            clangArguments.Add(a);
            if (a is "-funsigned-char" or "-fno-signed-char")
            {
                CharIsUnsigned = true;
            }
            else if (a is "-fsigned-char" or "-fno-unsigned-char")
            {
                CharIsUnsigned = false;
            }
        }
    }
}
