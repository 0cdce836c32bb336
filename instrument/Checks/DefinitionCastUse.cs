// One expansion of a cast written in a macro defined in the file being compiled.
using Liballocs.Instrument.Syntax;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// One evaluated expansion of a cast written in the body of a macro defined in the main file.
/// The expansions of one such cast are decided together, since a rewrite of the definition checks
/// them all.
/// </summary>
/// <param name="Cast">The cast in this expansion.</param>
/// <param name="Function">The function it is expanded in.</param>
/// <param name="Sequence">Its place in the order the finder met casts (sites are numbered in that order).</param>
/// <param name="Elided">This expansion needs no check (e.g. its operand is a null pointer constant).</param>
internal sealed record DefinitionCastUse(SyntaxNode Cast, string Function, int Sequence, bool Elided);
