// Which allocation-site pointers found in chunk metadata are real.
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Types;

/// <summary>
/// Tells real allocation sites from garbage. A chunk's site pointer lives in the chunk's trailer,
/// where a heap overflow in the program can overwrite it; the runtime must survive the bugs it
/// runs on, so it dereferences a site only when it lies in a registered TU's site table (at an
/// element boundary) or is one the runtime made (lazy typing). Thread-safe.
/// </summary>
public sealed unsafe class AllocationSites(TuMetadata tus)
{
    private readonly Lock gate = new();
    private HashSet<nint> synthetic = [];   // copy-on-write: read on every lookup, added to rarely

    /// <summary>Registers a site the runtime made.</summary>
    public void AddSynthetic(AllocSite* site)
    {
        lock (gate)
            Volatile.Write(ref synthetic, new HashSet<nint>(synthetic) { (nint)site });
    }

    /// <summary><paramref name="site"/> when it is a real site, else null (unknown provenance).</summary>
    public AllocSite* Validated(AllocSite* site)
    {
        if (site == null)
            return null;
        if (Volatile.Read(ref synthetic).Contains((nint)site))
            return site;
        return tus.IsSiteTableEntry((nuint)site) ? site : null;
    }
}
