// One alloca call rewritten to record its block.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Locals;

/// <summary>
/// One <c>alloca(n)</c> (or <c>__builtin_alloca(n)</c>) call in a function body, rewritten to
/// <c>__LIBALLOCS_ALLOCA(n, &amp;desc)</c>: the callee's name [<see cref="NameStart"/>, <see cref="NameEnd"/>)
/// becomes <c>__LIBALLOCS_ALLOCA</c> and the descriptor goes before the closing parenthesis at
/// <see cref="CloseParen"/>, so the argument's text (and its line breaks) stays where it was.
/// </summary>
/// <param name="Index">Position among the file's alloca calls; its descriptor follows the locals' in the local descriptor table.</param>
/// <param name="Name">The function called as written (<c>alloca</c>).</param>
/// <param name="Line">1-based line of the call.</param>
/// <param name="Column">1-based column of the call.</param>
/// <param name="Function">Enclosing function's name.</param>
/// <param name="Type">The block's type: the element type's array of unknown length for <c>n * sizeof(T)</c>, one <c>T</c> for
/// <c>sizeof(T)</c>, null when the size names no type.</param>
/// <param name="Why">What the type was read from, for <c>--explain-allocations</c>.</param>
/// <param name="NameStart">Byte offset of the callee's name.</param>
/// <param name="NameEnd">Byte offset one past the callee's name.</param>
/// <param name="CloseParen">Byte offset of the call's closing parenthesis.</param>
/// <param name="FrameMarkAt">Byte offset just after the opening brace of the function's body, where its frame mark goes.</param>
internal sealed record AllocaSite(int Index, string Name, int Line, int Column, string Function, CType? Type, string Why, int NameStart, int NameEnd,
    int CloseParen, int FrameMarkAt);
