// libclang binding: enum CXChildVisitResult.
namespace Liballocs.Instrument.Libclang;

/// <summary>What a <see cref="Clang.clang_visitChildren"/> visitor asks for next.</summary>
internal enum CXChildVisitResult
{
    CXChildVisit_Break = 0,
    CXChildVisit_Continue = 1,
    CXChildVisit_Recurse = 2,
}
