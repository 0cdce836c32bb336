// The result of parsing: a syntax tree or a failure.
namespace Liballocs.Instrument.Syntax;

/// <summary>Either a parsed source (<see cref="Source"/>) or why it could not be parsed (<see cref="Failure"/>).</summary>
internal sealed record ParseOutcome(ParsedSource? Source, ParseFailure? Failure)
{
    /// <summary>A successful parse.</summary>
    public static ParseOutcome Parsed(ParsedSource source) => new(source, null);

    /// <summary>A failed parse.</summary>
    public static ParseOutcome Failed(ParseFailure failure) => new(null, failure);
}
