// A function or file-scope variable the translation unit defines.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Statics;

/// <summary>A function or file-scope variable the translation unit defines.</summary>
/// <param name="Name">Its name (the symbol's name before any asm label).</param>
/// <param name="Type">Its type.</param>
/// <param name="IsFunction">A function rather than a variable.</param>
/// <param name="IsIncompleteInSource">An array no declaration gives a bound (<c>int arr[];</c> never completed): the compiler gives it one
/// element only at the end of the unit, so where the statics table stands its type is still incomplete and has no size.</param>
internal sealed record StaticDefinition(string Name, CType Type, bool IsFunction, bool IsIncompleteInSource = false);
