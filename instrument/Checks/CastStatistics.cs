// Counts of pointer casts checked, elided and skipped in one file.
namespace Liballocs.Instrument.Checks;

/// <summary>What became of the pointer casts of one file.</summary>
/// <param name="Checked">Casts given a check.</param>
/// <param name="VoidOrChar">Elided: to <c>void *</c> or a character pointer.</param>
/// <param name="Identical">Elided: between identical types.</param>
/// <param name="NullPointer">Elided: of a null pointer constant.</param>
/// <param name="IntegerConstant">Elided: of another integer constant (a sentinel address).</param>
/// <param name="Upcast">Elided: provable upcasts.</param>
/// <param name="Allocation">Elided: results of allocation calls typed as the target's pointee.</param>
/// <param name="Counterpart">Elided: a variable's address to its integer type's signed or unsigned counterpart.</param>
/// <param name="Skipped">Not checked because their text is not in the file as such (macro expansions), or cannot be rewritten.</param>
internal sealed record CastStatistics(int Checked, int VoidOrChar, int Identical, int NullPointer, int IntegerConstant, int Upcast,
    int Allocation, int Counterpart, int Skipped)
{
    /// <summary>No casts at all.</summary>
    public static readonly CastStatistics None = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>All elided casts.</summary>
    public int Elided => VoidOrChar + Identical + NullPointer + IntegerConstant + Upcast + Allocation + Counterpart;

    /// <summary>These counts with one more cast elided for <paramref name="reason"/>.</summary>
    public CastStatistics WithElided(CastElision reason) => reason switch
    {
        CastElision.VoidOrChar => this with { VoidOrChar = VoidOrChar + 1 },
        CastElision.Identical => this with { Identical = Identical + 1 },
        CastElision.NullPointer => this with { NullPointer = NullPointer + 1 },
        CastElision.IntegerConstant => this with { IntegerConstant = IntegerConstant + 1 },
        CastElision.Allocation => this with { Allocation = Allocation + 1 },
        CastElision.Counterpart => this with { Counterpart = Counterpart + 1 },
        _ => this with { Upcast = Upcast + 1 },
    };

    /// <summary>e.g. <c>12 casts checked, 32 elided (20 void/char, 6 identical, 3 null, 1 constant, 1 upcast, 0 allocation, 1 counterpart), 2 skipped</c>.</summary>
    public override string ToString() =>
        $"{Checked} casts checked, {Elided} elided ({VoidOrChar} void/char, {Identical} identical, {NullPointer} null, {IntegerConstant} constant, {Upcast} upcast, {Allocation} allocation, {Counterpart} counterpart), {Skipped} skipped";
}
