// Where a type was declared.
namespace Liballocs.Instrument.Types;

/// <summary>Where a type was declared: the file's name as clang reports it, 1-based line and column.</summary>
internal readonly record struct DeclarationPlace(string File, int Line, int Column);
