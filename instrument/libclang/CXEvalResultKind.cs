// libclang binding: enum CXEvalResultKind.
namespace Liballocs.Instrument.Libclang;

/// <summary>What <c>clang_Cursor_Evaluate</c> produced (values from Index.h).</summary>
internal enum CXEvalResultKind
{
    CXEval_UnExposed = 0,
    CXEval_Int = 1,
    CXEval_Float = 2,
    CXEval_ObjCStrLiteral = 3,
    CXEval_StrLiteral = 4,
    CXEval_CFStr = 5,
    CXEval_Other = 6,
}
