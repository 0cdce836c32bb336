// Mirrors of struct __liballocs_castsite and struct __liballocs_check_fact (include/liballocs_checks.h).
using System.Runtime.InteropServices;

namespace Liballocs.Contract.Interop;

/// <summary>struct __liballocs_castsite: one checked cast in instrumented source (56 bytes).</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_castsite")]
public unsafe struct CastSite
{
    /// <summary>Source file as given on the command line.</summary>
    public byte* file;
    /// <summary>Line of the cast.</summary>
    public uint line;
    /// <summary>Column of the cast.</summary>
    public uint column;
    /// <summary>Enclosing function.</summary>
    public byte* function;
    /// <summary>enum __liballocs_check_kind.</summary>
    public CheckKind kind;
    /// <summary>is_a_pointer_of_degree: pointer levels required.</summary>
    public uint degree;
    /// <summary>Pointee type T of the cast, null when incomplete.</summary>
    public Uniqtype* target;
    /// <summary>Uniqtype name of T, also for named_a.</summary>
    public byte* target_type_name;
    /// <summary>The cast's type as C spells it, e.g. "struct foo *".</summary>
    public byte* target_c_type;
}

/// <summary>struct __liballocs_check_fact: "a check of this key and kind passes at these addresses" (48 bytes).</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_check_fact")]
public unsafe struct CheckFact
{
    /// <summary>First address.</summary>
    public ulong lo;
    /// <summary>End (exclusive).</summary>
    public ulong hi;
    /// <summary>Addresses lo + k * period below hi; 0: lo only.</summary>
    public ulong period;
    /// <summary>The target uniqtype, or the cast site when the target is incomplete; null: no fact.</summary>
    public void* key;
    /// <summary>Check kind | degree &lt;&lt; 8.</summary>
    public uint kind_and_degree;
    /// <summary>Free generation (set by the C layer).</summary>
    public ulong generation;
}

/// <summary>struct __liballocs_rt_verdict (contract/include/shim_api.h): whether later checks of the same cast site into heap
/// chunks of the same allocation site and size, at the same offset, have this check's verdict (128 bytes).</summary>
[StructLayout(LayoutKind.Sequential), CStruct("struct __liballocs_rt_verdict")]
public unsafe struct RtVerdict
{
    /// <summary>Where the verdict holds again: nowhere, in heap chunks like this one, in activations of this local, at this
    /// address in static storage.</summary>
    public VerdictReuse reusable;
    /// <summary>1: the verdict holds in chunks of the site of any size.</summary>
    public int any_size;
    /// <summary>The chunk's allocation site the verdict follows from (null: a chunk no site claimed); for a local, its
    /// descriptor.</summary>
    public AllocSite* allocsite;
    /// <summary>The heap chunk's base.</summary>
    public void* chunk_base;
    /// <summary>Its requested size in bytes.</summary>
    public ulong chunk_size;
    /// <summary>Non-null: the verdict holds once the chunk's site is set to this one (a lazy typing the C layer repeats).</summary>
    public AllocSite* retype;
    /// <summary>A failed verdict's distinct-report count, incremented by the C layer per repeat; null for a pass.</summary>
    public long* failures;
    /// <summary>Non-null: the verdict followed from this inferred typing's site (see TypingScope).</summary>
    public AllocSite* typing_site;
    /// <summary>The typing's base.</summary>
    public void* typing_base;
    /// <summary>The typing's size in bytes.</summary>
    public ulong typing_size;
    /// <summary>The offset from the chunk's base from which typings decide.</summary>
    public ulong typing_from;
    /// <summary>Non-null: the check recorded an inferred typing of this site at the checked address (a reuse records the same).</summary>
    public AllocSite* infer_site;
    /// <summary>That typing's extent in bytes.</summary>
    public ulong infer_extent;
    /// <summary>1: the check passed unless the typing replaced others; 0: it is unknown storage either way.</summary>
    public ulong infer_passes_when_clean;
    /// <summary>Unknown storage at this cast site for the verdict's cause, incremented by the C layer per reuse that ends unknown.</summary>
    public long* unknowns;
    /// <summary>The total of unknown storage, incremented with <see cref="unknowns"/>.</summary>
    public long* unknown_total;
    /// <summary>The total of inferred typings, incremented per typing a reuse records.</summary>
    public long* typings_inferred;
}
