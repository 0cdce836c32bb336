// One checked pointer cast.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// One checked cast: an entry of the file's <c>__liballocs_casts</c> table and the text wrapped
/// around [<see cref="WrapStart"/>, <see cref="WrapEnd"/>) to check it.
/// </summary>
/// <param name="Index">Position in the file's cast table.</param>
/// <param name="Line">1-based line of the cast (of the converted expression for implicit conversions; in the definition for
/// <see cref="CastRewrite.DefinitionOperand"/>, whose reports name the line of each use instead).</param>
/// <param name="Column">1-based column, likewise.</param>
/// <param name="Function">Enclosing function's name; null for a cast in a macro definition expanded in several functions.</param>
/// <param name="Kind">The check.</param>
/// <param name="Degree">For <see cref="CheckKind.IsAPointerOfDegree"/>, the pointer levels required; else 0.</param>
/// <param name="Target">The pointee type T of the cast, whose uniqtype the check compares with; null when it is incomplete
/// (<see cref="CheckKind.NamedA"/>).</param>
/// <param name="TargetTag">For <see cref="CheckKind.NamedA"/>, the tag of the incomplete pointee.</param>
/// <param name="TargetCType">The cast's type as C spells it (typedef names kept), e.g. <c>struct foo *</c>.</param>
/// <param name="Rewrite">Which text is wrapped and how.</param>
/// <param name="IsFunction">The target is a function pointer (checked through <c>__liballocs_check_function</c>).</param>
/// <param name="WrapStart">Byte offset of the first character wrapped.</param>
/// <param name="WrapEnd">Byte offset one past the last character wrapped.</param>
/// <param name="HeaderMacro">For <see cref="CastRewrite.HeaderDefinitionOperand"/>, the header macro redefined (<see cref="WrapStart"/> and
/// <see cref="WrapEnd"/> are then offsets in that header); else null.</param>
internal sealed record CastSite(int Index, int Line, int Column, string? Function, CheckKind Kind, int Degree, CType? Target, string? TargetTag,
    string TargetCType, CastRewrite Rewrite, bool IsFunction, int WrapStart, int WrapEnd, HeaderMacro? HeaderMacro = null);

/// <summary>A macro defined in a header whose definition the instrumented file repeats, with checks, before its first use.</summary>
/// <param name="File">The header, as the compiler found it.</param>
/// <param name="Text">The header's bytes.</param>
/// <param name="Definition">Where the <c>#define</c> lies in <paramref name="Text"/>.</param>
/// <param name="InsertAt">Byte offset, in the file being compiled, of the start of the line that first uses the macro (a top-level
/// declaration's): the redefinition goes there.</param>
/// <param name="InsertLine">1-based line of <paramref name="InsertAt"/>, for the <c>#line</c> that follows the redefinition.</param>
/// <param name="LaterIncludes">The file's <c>#include</c> lines after <paramref name="InsertAt"/>: the text they bring in sees the original
/// definition (restored before each, repeated again after).</param>
internal sealed record HeaderMacro(string File, byte[] Text, MacroDefinition Definition, int InsertAt, int InsertLine,
    IReadOnlyList<IncludeLine> LaterIncludes);

/// <summary>An <c>#include</c> line of the file being compiled.</summary>
/// <param name="Start">Byte offset of the line's start.</param>
/// <param name="Line">Its 1-based number.</param>
/// <param name="Next">Byte offset of the next line's start; -1 when it is the file's last line.</param>
internal sealed record IncludeLine(int Start, int Line, int Next);
