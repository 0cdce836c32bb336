// Parsing a C file with libclang.
using System.Runtime.InteropServices;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Libclang;

/// <summary>Parses one C source file with libclang into a <see cref="ParsedSource"/>.</summary>
internal static unsafe class SourceParser
{
    /// <summary>
    /// Parses <paramref name="sourcePath"/> with the clang command-line <paramref name="arguments"/>
    /// (include paths, macros, language standard). Fails, without throwing, when libclang cannot create
    /// the translation unit or reports any error. The caller must have loaded libclang
    /// (<see cref="LibclangLoader.TryLoad"/>) and must dispose the parsed source.
    /// </summary>
    public static ParseOutcome Parse(string sourcePath, IReadOnlyList<string> arguments, DataModel dataModel)
    {
        // An index per file: clang's indexes are not meant to be shared between threads, and the
        // index must outlive its translation unit, so the reader owns both.
        IntPtr idx = Clang.clang_createIndex(excludeDeclarationsFromPCH: 0, displayDiagnostics: 0);
        byte[][] encoded = [.. arguments.Select(SyntaxTreeReader.NullTerminated)];
        var handles = new GCHandle[encoded.Length];
        byte*[] argv = new byte*[encoded.Length + 1];
        IntPtr tu = IntPtr.Zero;
        CXErrorCode result;
        try
        {
            for (int i = 0; i < encoded.Length; i++)
            {
                handles[i] = GCHandle.Alloc(encoded[i], GCHandleType.Pinned);
                argv[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            fixed (byte* path = SyntaxTreeReader.NullTerminated(sourcePath))
            fixed (byte** args = argv)
            {
                result = Clang.clang_parseTranslationUnit2(idx, path, args, encoded.Length, IntPtr.Zero, 0,
                    (uint)CXTranslationUnit_Flags.CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &tu);
            }
        }
        finally
        {
            foreach (GCHandle handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }

        if (result != CXErrorCode.CXError_Success || tu == IntPtr.Zero)
        {
            Clang.clang_disposeIndex(idx);
            return ParseOutcome.Failed(new ParseFailure($"libclang could not create a translation unit: {result}", sourcePath, 0));
        }

        if (FirstError(tu, sourcePath) is ParseFailure failure)
        {
            Clang.clang_disposeTranslationUnit(tu);
            Clang.clang_disposeIndex(idx);
            return ParseOutcome.Failed(failure);
        }

        var reader = new SyntaxTreeReader(idx, tu, sourcePath, dataModel);
        try
        {
            return ParseOutcome.Parsed(new ParsedSource(sourcePath, reader.ReadDeclarations(), dataModel, reader));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static ParseFailure? FirstError(IntPtr tu, string sourcePath)
    {
        uint count = Clang.clang_getNumDiagnostics(tu);
        for (uint i = 0; i < count; i++)
        {
            IntPtr diagnostic = Clang.clang_getDiagnostic(tu, i);
            try
            {
                if (Clang.clang_getDiagnosticSeverity(diagnostic) < CXDiagnosticSeverity.CXDiagnostic_Error)
                {
                    continue;
                }

                IntPtr file;
                uint line, column, offset;
                Clang.clang_getExpansionLocation(Clang.clang_getDiagnosticLocation(diagnostic), &file, &line, &column, &offset);
                string fileName = file == IntPtr.Zero ? sourcePath : Clang.ToManaged(Clang.clang_getFileName(file));
                return new ParseFailure(Clang.ToManaged(Clang.clang_getDiagnosticSpelling(diagnostic)), fileName, (int)line);
            }
            finally
            {
                Clang.clang_disposeDiagnostic(diagnostic);
            }
        }

        return null;
    }
}
