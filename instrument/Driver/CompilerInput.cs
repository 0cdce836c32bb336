// An input file named on the compiler command line.
namespace Liballocs.Instrument.Driver;

/// <summary>An input file on the compiler command line.</summary>
/// <param name="Index">Position of the path in <see cref="CompilerCommandLine.Arguments"/>.</param>
/// <param name="Path">The path as given.</param>
/// <param name="IsCSource">A C source to instrument (<c>*.c</c>, or any file after <c>-x c</c>).</param>
internal sealed record CompilerInput(int Index, string Path, bool IsCSource);
