// The expression a local variable holds at one point of a function.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Sites;

/// <summary>What a local variable holds where it is read: the expression last stored into it (<see cref="LocalDefinitions"/>).</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Value">The expression stored: its initialiser or the right-hand side of the assignment.</param>
/// <param name="Definition">The declaration or assignment that stores it (the point the value's own locals are read at).</param>
/// <param name="Line">1-based line of <paramref name="Definition"/>.</param>
internal sealed record LocalValue(string Name, SyntaxNode Value, SyntaxNode Definition, int Line);
