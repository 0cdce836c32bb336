// libclang binding: enum CXUnaryOperatorKind.
namespace Liballocs.Instrument.Libclang;

/// <summary>Opcode of a <c>CXCursor_UnaryOperator</c> (libclang 17 and later).</summary>
internal enum CXUnaryOperatorKind
{
    CXUnaryOperator_Invalid = 0,
    CXUnaryOperator_PostInc = 1,
    CXUnaryOperator_PostDec = 2,
    CXUnaryOperator_PreInc = 3,
    CXUnaryOperator_PreDec = 4,
    CXUnaryOperator_AddrOf = 5,
    CXUnaryOperator_Deref = 6,
    CXUnaryOperator_Plus = 7,
    CXUnaryOperator_Minus = 8,
    CXUnaryOperator_Not = 9,
    CXUnaryOperator_LNot = 10,
    CXUnaryOperator_Real = 11,
    CXUnaryOperator_Imag = 12,
    CXUnaryOperator_Extension = 13,
}
