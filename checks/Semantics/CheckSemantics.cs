// What each check kind asks of the subobjects at the checked address.
using static Liballocs.Checks.Semantics.Uniqtypes;

namespace Liballocs.Checks.Semantics;

/// <summary>
/// The check kinds' semantics (checks/README.md, "Semantics"), as pure functions of the
/// allocation's type and size, the offset checked and what the cast site asks.
/// </summary>
public static unsafe class CheckSemantics
{
    /// <summary>
    /// Evaluates check <paramref name="kind"/> (with <paramref name="degree"/> for
    /// is_a_pointer_of_degree, <paramref name="target"/> the cast's pointee type or null, and
    /// <paramref name="targetName"/> its uniqtype name, UTF-8, for named_a) at
    /// <paramref name="offset"/> into an allocation of type <paramref name="allocationType"/>
    /// and <paramref name="allocationSize"/> bytes.
    /// </summary>
    public static Verdict Evaluate(CheckKind kind, uint degree, Uniqtype* target, ReadOnlySpan<byte> targetName,
        Uniqtype* allocationType, ulong allocationSize, ulong offset)
    {
        fixed (byte* name = targetName)
        {
            var filter = new Satisfies(kind, degree, target, name, targetName.Length);
            return SubobjectSearch.TryFirstStartingAt(allocationType, allocationSize, offset, filter, out var s)
                ? new Verdict(true, s.Shape) : Verdict.Fails;
        }
    }

    // Holds(...) as a search filter (a struct: the hot path allocates nothing).
    private readonly struct Satisfies(CheckKind kind, uint degree, Uniqtype* target, byte* name, int nameLength)
        : SubobjectSearch.ISubobjectFilter
    {
        public bool Accepts(Uniqtype* type) =>
            Holds(kind, degree, target, new ReadOnlySpan<byte>(name, nameLength), type);
    }

    /// <summary>Whether a subobject of type <paramref name="actual"/> satisfies the check.</summary>
    public static bool Holds(CheckKind kind, uint degree, Uniqtype* target, ReadOnlySpan<byte> targetName, Uniqtype* actual) =>
        kind switch
        {
            CheckKind.IsA => target != null ? TypeMatching.Matches(actual, target) || TypeMatching.IsArmOf(actual, target) : HasName(actual, targetName),
            CheckKind.LikeA => target != null ? TypeMatching.IsLike(actual, target) || TypeMatching.IsArmOf(actual, target) : HasName(actual, targetName),
            CheckKind.LooselyLikeA => IsPointer(actual),
            CheckKind.IsAPointerOfDegree => TypeMatching.IsPointerOfDegree(actual, degree),
            CheckKind.NamedA => actual->kind is UniqtypeKind.Composite or UniqtypeKind.Enumeration
                && (targetName.IsEmpty && target != null ? NamesEqual(actual->name, target->name) : NameIs(actual->name, targetName)),
            CheckKind.IsAFunctionRefining => TypeMatching.Refines(actual, target),
            _ => false,
        };

    private static bool HasName(Uniqtype* actual, ReadOnlySpan<byte> name) => !name.IsEmpty && NameIs(actual->name, name);
}
