// Whether two modelled C types are the same type.
namespace Liballocs.Instrument.Types;

/// <summary>
/// Compares <see cref="CType"/>s as C's "same type": the model is already canonical and unqualified at
/// every level, so typedefs and qualifiers never matter; records and enumerations are the same when
/// they are the same declaration (reference identity), everything else by structure.
/// </summary>
internal static class CTypeEquality
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same type.</summary>
    public static bool AreSame(CType a, CType b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        return (a, b) switch
        {
            (CVoidType, CVoidType) => true,
            (CBuiltinType x, CBuiltinType y) => x.Kind == y.Kind && x.Size == y.Size,
            (CComplexType x, CComplexType y) => x.Element.Kind == y.Element.Kind && x.Size == y.Size,
            (CPointerType x, CPointerType y) => AreSame(x.Pointee, y.Pointee),
            (CArrayType x, CArrayType y) => x.IsVector == y.IsVector && x.Length == y.Length && x.Count == y.Count && AreSame(x.Element, y.Element),
            (CFunctionType x, CFunctionType y) => x.HasPrototype == y.HasPrototype && x.IsVariadic == y.IsVariadic
                && x.Parameters.Count == y.Parameters.Count && AreSame(x.Result, y.Result)
                && x.Parameters.Zip(y.Parameters).All(p => AreSame(p.First, p.Second)),
            (COpaqueType x, COpaqueType y) => x.Spelling == y.Spelling,
            _ => false, // records and enumerations: only the same declaration (checked above)
        };
    }
}
