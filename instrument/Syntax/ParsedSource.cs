// A parsed source file's file-scope declarations.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Syntax;

/// <summary>
/// A parsed C source: the definitions and declarations the main file makes at file scope, each with
/// its subtree. Owns clang's translation unit; nodes read lazily from it until disposed.
/// </summary>
internal sealed class ParsedSource(string mainFile, IReadOnlyList<SyntaxNode> declarations, DataModel dataModel, IDisposable owner)
    : IDisposable
{
    /// <summary>The source file's path as it was given.</summary>
    public string MainFile { get; } = mainFile;

    /// <summary>File-scope function and variable declarations located in the main file, in source order.</summary>
    public IReadOnlyList<SyntaxNode> Declarations { get; } = declarations;

    /// <summary>Sizes of built-in types on the target.</summary>
    public DataModel DataModel { get; } = dataModel;

    /// <summary>Releases clang's translation unit.</summary>
    public void Dispose() => owner.Dispose();
}
