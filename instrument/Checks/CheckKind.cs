// The kinds of cast check, as numbered in liballocs_checks.h.
namespace Liballocs.Instrument.Checks;

/// <summary>
/// The check a cast gets; values are <c>enum __liballocs_check_kind</c> of
/// <c>checks/include/liballocs_checks.h</c> (its <c>LIBALLOCS_CHECK_KINDS</c> table), and
/// <see cref="CheckKinds"/> mirrors that table row for row.
/// </summary>
internal enum CheckKind
{
    /// <summary><c>is_a(p, T)</c>: a subobject of type T starts at p.</summary>
    IsA = 0,
    /// <summary><c>like_a(p, T)</c>: a composite laid out like T starts at p.</summary>
    LikeA = 1,
    /// <summary><c>loosely_like_a(p, void *)</c>: a pointer of any pointee type is at p.</summary>
    LooselyLikeA = 2,
    /// <summary><c>named_a(p, "tag")</c>: a struct/union/enum with that tag starts at p (the type is incomplete here).</summary>
    NamedA = 3,
    /// <summary><c>is_a_function_refining(p, F)</c>: p is a function whose type refines F.</summary>
    IsAFunctionRefining = 4,
    /// <summary><c>is_a_pointer_of_degree(p, d)</c>: a pointer with at least d levels of indirection is at p.</summary>
    IsAPointerOfDegree = 5,
}
