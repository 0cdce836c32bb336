// Choosing the check for a cast's target type.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Chooses the check of a cast to a pointer type, as checks/README.md's table says: a function
/// pointer gets <c>is_a_function_refining</c>, <c>void **</c> <c>loosely_like_a</c>, <c>void ***</c>
/// and deeper <c>is_a_pointer_of_degree</c>, an incomplete struct or union <c>named_a</c>, a struct
/// declared "like" <c>like_a</c>, anything else <c>is_a</c>.
/// </summary>
internal static class CheckSelection
{
    /// <summary>The check of a cast to <paramref name="target"/> and its degree (0 unless <see cref="CheckKind.IsAPointerOfDegree"/>).</summary>
    /// <param name="target">The cast's type (a pointer).</param>
    /// <param name="likeTypes">Struct tags checked with <c>like_a</c>.</param>
    public static (CheckKind Kind, int Degree) Select(CPointerType target, IReadOnlySet<string> likeTypes)
    {
        switch (target.Pointee)
        {
            case CFunctionType:
                return (CheckKind.IsAFunctionRefining, 0);
            case CPointerType { Pointee: CVoidType }:
                return (CheckKind.LooselyLikeA, 0);
            case CPointerType pointer when VoidDegree(pointer) is int levels:
                return (CheckKind.IsAPointerOfDegree, levels);
            case CRecordType { IsComplete: false, Name: not null }:
            case CEnumType { IsComplete: false, Name: not null }:
                return (CheckKind.NamedA, 0);
            case CRecordType { IsUnion: false, Name: string tag } when likeTypes.Contains(tag):
                return (CheckKind.LikeA, 0);
            default:
                return (CheckKind.IsA, 0);
        }
    }

    /// <summary>How many pointer levels lead from <paramref name="pointer"/> down to <c>void</c>, or null when they lead elsewhere.</summary>
    private static int? VoidDegree(CPointerType pointer)
    {
        int levels = 0;
        CType type = pointer;
        while (type is CPointerType p)
        {
            levels++;
            type = p.Pointee;
        }

        return type is CVoidType ? levels : null;
    }
}
