// The real compiler's predefined macros, for libclang to parse with.
using System.Text;
using Liballocs.Instrument.Diagnostics;

namespace Liballocs.Instrument.Driver;

/// <summary>
/// Makes libclang see the preprocessor branches the real compiler takes. libclang predefines <c>__clang__</c> and <c>__GNUC__ 4</c>,
/// so code under <c>#if __GNUC__ &gt;= 5</c> or <c>#ifdef __clang__</c> would be parsed otherwise than gcc compiles it. Instead libclang
/// parses with <c>-undef</c> and <c>-imacros</c> of a prelude holding what <c>$CC -dM -E</c> prints for the command's target and language options, plus
/// the few definitions that let clang read glibc's gcc-only header branches (see <see cref="ClangCompatibility"/>).
/// </summary>
internal static class CompilerMacros
{
    /// <summary>
    /// What makes clang accept the gcc-only constructs glibc's headers choose by <c>__GNUC_PREREQ</c> alone (without checking
    /// <c>__clang__</c>): gcc 7's <c>_FloatN</c> keywords (clang has <c>__float128</c> but not these names) and gcc 11's two-argument
    /// <c>malloc</c> attribute (clang knows only the bare one). Only libclang reads this; gcc compiles the file as it is.
    /// </summary>
    public const string ClangCompatibility = """
        /* allocscc: clang stand-ins for gcc-only constructs in system headers */
        #if defined __GNUC__ && __GNUC__ >= 7
        #define _Float32 float
        #define _Float64 double
        #define _Float32x double
        #define _Float64x long double
        #if defined __x86_64__ || defined __i386__
        #define _Float128 __float128
        #else
        #define _Float128 long double
        #endif
        #endif
        #if defined __GNUC__ && __GNUC__ >= 11
        #define __malloc__(...) __malloc__
        #endif

        """;

    /// <summary>
    /// Asks <paramref name="realCompiler"/> (program, then arguments) for its predefined macros under
    /// <paramref name="predefineOptions"/> (the command's target, language and optimisation options), writes them with
    /// <see cref="ClangCompatibility"/> to <c>predefined.h</c> in <paramref name="directory"/>, and returns the libclang arguments that
    /// parse with them instead of clang's own. Macros the command defines or undefines itself (<paramref name="userMacros"/>) are left
    /// out, so the command line's definitions win as they do for gcc. Returns an empty list, with <paramref name="problem"/> saying
    /// why, when the compiler cannot be run or fails.
    /// </summary>
    public static IReadOnlyList<string> PrefixArguments(IReadOnlyList<string> realCompiler, IReadOnlyList<string> predefineOptions,
        IReadOnlySet<string> userMacros, string directory, out Diagnostic? problem)
    {
        problem = null;
        string? macros = Query(realCompiler, predefineOptions, out string? failure);
        if (macros is null)
        {
            problem = new Diagnostic(DiagnosticDescriptors.CompilerMacrosUnavailable,
                $"'{ShellWords.Join([.. realCompiler, .. predefineOptions, "-dM", "-E", "-x", "c", "/dev/null"])}' failed: {failure}; parsing with clang's predefined macros");
            return [];
        }

        var prelude = new StringBuilder();
        foreach (string line in macros.Split('\n'))
        {
            if (MacroName(line) is string name && !userMacros.Contains(name))
            {
                prelude.Append(line).Append('\n');
            }
        }

        prelude.Append(ClangCompatibility);
        string path = Path.Combine(directory, "predefined.h");
        File.WriteAllText(path, prelude.ToString());
        // -imacros, not -include: clang reads every -imacros file before any -include, so the user's own -imacros files too see
        // these macros (they come first on the line).
        return ["-undef", "-imacros", path];
    }

    /// <summary>The name a <c>#define NAME...</c> line defines, or null for any other line.</summary>
    private static string? MacroName(string line)
    {
        const string Define = "#define ";
        if (!line.StartsWith(Define, StringComparison.Ordinal))
        {
            return null;
        }

        int end = Define.Length;
        while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
        {
            end++;
        }

        return end > Define.Length ? line[Define.Length..end] : null;
    }

    private static string? Query(IReadOnlyList<string> realCompiler, IReadOnlyList<string> predefineOptions, out string? failure)
    {
        int status = RealCompiler.RunCapturing([.. realCompiler, .. predefineOptions, "-dM", "-E", "-x", "c", "/dev/null"], out byte[] stdout,
            out string stderr);
        string output = Encoding.UTF8.GetString(stdout);
        string firstError = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        failure = status == RealCompiler.NotFound ? firstError
            : status != 0 ? $"exit status {status} {firstError}".TrimEnd()
            : !output.Contains("#define ", StringComparison.Ordinal) ? "it printed no macro definitions" : null;
        return failure is null ? output : null;
    }
}
