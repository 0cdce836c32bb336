// One row of the check kinds table.
namespace Liballocs.Instrument.Checks;

/// <summary>One row of <c>LIBALLOCS_CHECK_KINDS</c>: <c>X(name, value, text)</c>.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Name">The C enumerator's suffix, e.g. <c>IS_A</c> (the enumerator is <c>LIBALLOCS_CHECK_IS_A</c>).</param>
/// <param name="Text">How reports, suppressions and statistics spell it, e.g. <c>is_a</c>.</param>
internal sealed record CheckKindInfo(CheckKind Kind, string Name, string Text)
{
    /// <summary>The numeric value stored in <c>struct __liballocs_castsite</c>'s <c>kind</c>.</summary>
    public int Value => (int)Kind;

    /// <summary>The C enumerator, e.g. <c>LIBALLOCS_CHECK_IS_A</c>.</summary>
    public string Enumerator => "LIBALLOCS_CHECK_" + Name;
}
