// libclang binding: enum CXVisitorResult.
namespace Liballocs.Instrument.Libclang;

/// <summary>What a <see cref="Clang.clang_Type_visitFields"/> visitor asks for next.</summary>
internal enum CXVisitorResult
{
    CXVisit_Break = 0,
    CXVisit_Continue = 1,
}
