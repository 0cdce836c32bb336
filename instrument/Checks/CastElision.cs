// Why a pointer cast needs no check.
namespace Liballocs.Instrument.Checks;

/// <summary>Why a pointer cast is statically known to be fine, so it gets no check.</summary>
internal enum CastElision
{
    /// <summary>To <c>void *</c> or a character pointer: any object may be viewed so.</summary>
    VoidOrChar,
    /// <summary>Source and target are the same type once typedefs and qualifiers are stripped.</summary>
    Identical,
    /// <summary>The operand is a null pointer constant (<c>0</c>, <c>NULL</c>, <c>(void *)0</c>).</summary>
    NullPointer,
    /// <summary>The operand is another integer constant (one clang folds) at an address no mapping can hold, below 64 KiB or
    /// at and above 2^56 (<c>(F)-1</c>, <c>(void *)1</c>): a sentinel such as <c>SIG_IGN</c>, <c>MAP_FAILED</c> or
    /// <c>SQLITE_TRANSIENT</c>, compared against but never an object, so a check could only answer unknown storage.</summary>
    IntegerConstant,
    /// <summary>A provable upcast: to the first member (<c>&amp;s-&gt;first</c>, a struct pointer to its first member's type), to an array's element.</summary>
    Upcast,
    /// <summary>The operand is an allocation call whose site types the chunk as the target's pointee
    /// (<c>struct foo *p = malloc(sizeof(struct foo))</c>): the check could only pass, and would
    /// cost a slow-path check per fresh chunk.</summary>
    Allocation,
    /// <summary>The address of a parameter or local variable (not <c>extern</c>) of an integer type, to a pointer to its signed
    /// or unsigned counterpart (<c>(int64_t *)&amp;u</c> with <c>uint64_t u</c>): the object there is the variable, whose type
    /// is the declared one, and C lets either type access it (C11 6.5p7), so the check could only pass.</summary>
    Counterpart,
}
