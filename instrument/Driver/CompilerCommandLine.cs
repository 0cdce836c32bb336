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
        "-dumpbase", "-dumpbase-ext", "-dumpdir", "-wrapper",
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
    };

    private const string LikeAOption = "--allocscc-like-a=";

    private const string AllocatorsOption = "--allocators";

    private readonly List<string> arguments = [];
    private readonly List<CompilerInput> inputs = [];
    private readonly List<string> clangArguments = [];
    private readonly List<string> likeTypes = [];
    private readonly List<string> allocatorFiles = [];

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

    /// <summary><c>-m32</c>: an ILP32 target.</summary>
    public bool Is32Bit { get; private set; }

    /// <summary><c>-funsigned-char</c>: plain char is unsigned.</summary>
    public bool CharIsUnsigned { get; private set; }

    /// <summary>The compiler runs no further than preprocessing: the command goes straight to it, uninstrumented.</summary>
    public bool IsPassThrough => PreprocessOnly || DependenciesOnly;

    /// <summary>The compiler stops before linking (<c>-c</c>, <c>-S</c>, <c>-fsyntax-only</c>).</summary>
    public bool StopsBeforeLinking => CompileOnly || AssembleOnly || SyntaxOnly;

    /// <summary>The invocation links: the runtime library must be added.</summary>
    public bool Links => !StopsBeforeLinking && !IsPassThrough;

    /// <summary>Classifies <paramref name="args"/> (everything after the program name).</summary>
    public static CompilerCommandLine Parse(IReadOnlyList<string> args)
    {
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
                    continue; // a response file: passed through unopened
                }

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
            case "-x":
                language = value == "none" ? null : value;
                break;
            default:
                if (Array.IndexOf(PreprocessorPrefixes, option) >= 0)
                {
                    clangArguments.Add(option);
                    clangArguments.Add(value);
                }

                break;
        }
    }

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

        if (a.StartsWith("-o", StringComparison.Ordinal))
        {
            Output = a[2..];
        }
        else if (a.StartsWith("-MF", StringComparison.Ordinal))
        {
            DependencyFile = a[3..];
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
            Is32Bit |= a == "-m32";
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
