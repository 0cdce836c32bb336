// A position in the source, and whether text may be inserted there.
namespace Liballocs.Instrument.Syntax;

/// <summary>
/// A point in the source, where the compiler met it: for code from a macro expansion, the place
/// of the expansion. <see cref="Offset"/> is in bytes from the start of that file.
/// </summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in bytes.</param>
/// <param name="Offset">0-based byte offset in the file.</param>
/// <param name="InMainFile">In the source file being compiled (not an included file).</param>
/// <param name="InMacro">Spelled somewhere else than where it is expanded (macro body or macro argument).</param>
internal readonly record struct SourcePosition(int Line, int Column, int Offset, bool InMainFile, bool InMacro)
{
    /// <summary>In the main file and spelled where it appears, so text may be inserted next to it.</summary>
    public bool IsRewritable => InMainFile && !InMacro;

    /// <summary>Where the text was written: in a macro's definition or in a macro argument for a position <see cref="InMacro"/>, else the same as
    /// <see cref="Offset"/>. (clang only keeps it for starts and for ends inside macro arguments; an end in a macro body is the expansion's end.)</summary>
    public int SpellingOffset { get; init; }

    /// <summary>1-based line of <see cref="SpellingOffset"/>.</summary>
    public int SpellingLine { get; init; }

    /// <summary>1-based column of <see cref="SpellingOffset"/>, in bytes.</summary>
    public int SpellingColumn { get; init; }

    /// <summary>The spelling is in the source file being compiled.</summary>
    public bool SpellingInMainFile { get; init; }

    /// <summary>For a position <see cref="InMacro"/> spelled in another file (a macro defined in a header), that file's name as the
    /// compiler found it; else null.</summary>
    public string? SpellingFile { get; init; }

    /// <summary><see cref="SpellingFile"/> is a system header (found through a system include directory).</summary>
    public bool SpellingInSystemHeader { get; init; }

    /// <summary>Spelled in the main file inside an argument of a macro invoked there: the argument's text follows the invocation's start,
    /// while a macro body (in the main file or a header) is defined before any invocation.</summary>
    public bool InMacroArgument => InMacro && InMainFile && SpellingInMainFile && SpellingOffset >= Offset;
}
