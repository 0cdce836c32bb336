// An argument whose value a rewrite keeps, captured where it is evaluated.
namespace Liballocs.Instrument.Sites;

/// <summary>
/// An argument of a rewritten call whose value the rewrite needs after the call. The argument's
/// text stays where it is and becomes <c>(temporary = (text))</c>, so it is still evaluated once,
/// in its place; the temporary is declared at the top of the statement expression around the call.
/// (Moving the text instead would break the rule that instrumenting moves no line and the nesting
/// of rewrites inside the argument.)
/// </summary>
/// <param name="Start">Byte offset of the argument's first character.</param>
/// <param name="End">Byte offset one past its last character.</param>
/// <param name="Temporary">The temporary's name, unique in the file (<c>__liballocs_a3_1</c>: site 3, argument 1).</param>
/// <param name="Type">The temporary's type as C: the argument's type after conversion to the parameter's, top-level qualifiers dropped
/// (written inside <c>__typeof__( )</c>, so any type name works, function pointers included).</param>
internal sealed record ArgumentCapture(int Start, int End, string Temporary, string Type);
