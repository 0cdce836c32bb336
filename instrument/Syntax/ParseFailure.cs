// Why a source could not be parsed.
namespace Liballocs.Instrument.Syntax;

/// <summary>Why a source file could not be parsed: the first error clang reported, and where.</summary>
/// <param name="Message">clang's message, e.g. <c>expected ';' after expression</c>.</param>
/// <param name="File">File of the error as clang names it, or the source file when clang gave no location.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
internal sealed record ParseFailure(string Message, string File, int Line);
