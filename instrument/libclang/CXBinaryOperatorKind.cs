// libclang binding: enum CXBinaryOperatorKind.
namespace Liballocs.Instrument.Libclang;

/// <summary>Opcode of a <c>CXCursor_BinaryOperator</c> or <c>CXCursor_CompoundAssignOperator</c> (libclang 17 and later).</summary>
internal enum CXBinaryOperatorKind
{
    CXBinaryOperator_Invalid = 0,
    CXBinaryOperator_Mul = 3,
    CXBinaryOperator_Div = 4,
    CXBinaryOperator_Rem = 5,
    CXBinaryOperator_Add = 6,
    CXBinaryOperator_Sub = 7,
    CXBinaryOperator_Shl = 8,
    CXBinaryOperator_Shr = 9,
    CXBinaryOperator_Assign = 22,
    CXBinaryOperator_MulAssign = 23,
    CXBinaryOperator_Comma = 33,
}
