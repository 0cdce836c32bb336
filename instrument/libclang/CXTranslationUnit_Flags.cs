// libclang binding: enum CXTranslationUnit_Flags.
namespace Liballocs.Instrument.Libclang;

/// <summary>Options of <see cref="Clang.clang_parseTranslationUnit2"/>.</summary>
[Flags]
internal enum CXTranslationUnit_Flags : uint
{
    CXTranslationUnit_None = 0x0,
    CXTranslationUnit_DetailedPreprocessingRecord = 0x01,
    CXTranslationUnit_Incomplete = 0x02,
    CXTranslationUnit_KeepGoing = 0x200,
    CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles = 0x4000,
}
