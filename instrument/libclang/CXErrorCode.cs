// libclang binding: enum CXErrorCode.
namespace Liballocs.Instrument.Libclang;

/// <summary>Result of <see cref="Clang.clang_parseTranslationUnit2"/>.</summary>
internal enum CXErrorCode
{
    CXError_Success = 0,
    CXError_Failure = 1,
    CXError_Crashed = 2,
    CXError_InvalidArguments = 3,
    CXError_ASTReadError = 4,
}
