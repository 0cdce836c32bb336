// A block-scope static variable, described beside its declaration.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Statics;

/// <summary>
/// A <c>static</c> variable declared inside a function. It cannot be named at file scope, so its
/// descriptor is a static placed right after its declaration, in the <c>__liballocs_lstatics</c>
/// section the linker gathers per linked object.
/// </summary>
/// <param name="Index">Position among the file's block-scope statics (names the descriptor <c>__liballocs_lstatic_N</c>).</param>
/// <param name="Name">The variable's name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Function">Enclosing function's name.</param>
/// <param name="InsertAt">Byte offset just after the declaration statement, where the descriptor goes.</param>
internal sealed record LocalStatic(int Index, string Name, CType Type, string Function, int InsertAt);
