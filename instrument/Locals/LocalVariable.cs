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
/// <param name="InsertAt">Byte offset where the record's declaration is inserted: just after the declaration
/// statement, or just after the body's opening brace for parameters.</param>
internal sealed record LocalVariable(int Index, string Name, CType Type, string Function, int Line, int Column, bool IsParameter, int InsertAt);
