// A local or parameter that gets a stack record.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Locals;

/// <summary>A parameter or local variable that gets a stack record.</summary>
/// <param name="Index">Position in the file's table of local descriptors.</param>
/// <param name="Name">The variable's name.</param>
/// <param name="Type">Its type (a variable-length array is an array of unknown length).</param>
/// <param name="Function">Enclosing function's name.</param>
/// <param name="Line">1-based line of the declaration's name.</param>
/// <param name="Column">1-based column of the declaration's name.</param>
/// <param name="IsParameter">A function parameter rather than a block-scope variable.</param>
/// <param name="InsertAt">Byte offset where the record's activation is inserted: just after the declaration
/// statement, or just after the body's opening brace for parameters.</param>
/// <param name="FrameAt">Byte offset just after the opening brace of the function's body, where its frame array is declared.</param>
/// <param name="Slot">The variable's record in its function's frame array.</param>
/// <param name="IsVariableLength">A variably modified type (a VLA): its storage ends with its block, so the record is deactivated there.</param>
/// <param name="ScopeEnd">The closing brace of the declaring block, whose end marks the record (or deactivates a VLA's); null when
/// that block is the function body, or when a goto or switch can jump past the declaration into the block (a cleanup there would
/// run on an unset pointer): such a record just keeps its last activation.</param>
internal sealed record LocalVariable(int Index, string Name, CType Type, string Function, int Line, int Column, bool IsParameter, int InsertAt,
    int FrameAt, int Slot, bool IsVariableLength, (int Line, int Column)? ScopeEnd);
