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
}
