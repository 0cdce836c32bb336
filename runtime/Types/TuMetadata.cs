// Everything instrumented TUs registered: statics with their types, allocation sites, uniqtypes.
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Types;

/// <summary>
/// A view of the TUs registered with the C layer. The C list only grows (newest first), so a
/// snapshot is refreshed cheaply by comparing its head. Thread-safe.
/// </summary>
public sealed unsafe class TuMetadata
{
    private readonly Lock gate = new();
    private TuMeta*[] tus = [];
    private nint head;   // the C list's head the arrays were built from; published last
    private Dictionary<nuint, nint> staticsByAddress = [];
    private (nuint Start, nuint End)[] siteTables = [];

    /// <summary>Registered TUs, oldest first.</summary>
    public TuMeta*[] Snapshot()
    {
        // Checks call this on every slow path: when no TU was registered since, no lock.
        var newest = Shim.TuList();
        if ((nint)newest == Volatile.Read(ref head))
            return Volatile.Read(ref tus);
        lock (gate)
        {
            if ((nint)newest == head)
                return tus;
            var list = new List<nint>();
            for (var t = newest; t != null; t = t->next)
                list.Add((nint)t);
            list.Reverse();
            var array = new TuMeta*[list.Count];
            var statics = new Dictionary<nuint, nint>();
            var tables = new List<(nuint, nuint)>();
            for (var i = 0; i < array.Length; i++)
            {
                var tu = array[i] = (TuMeta*)list[i];
                if (tu->version != TuMeta.Version)
                    continue;
                for (ulong s = 0; s < tu->nstatics; s++)
                    statics.TryAdd((nuint)tu->statics[s].addr, (nint)(&tu->statics[s]));
                if (tu->sites != null && tu->nsites > 0)
                    tables.Add(((nuint)tu->sites, (nuint)(tu->sites + tu->nsites)));
                // Block-scope statics: one section per linked object, reported by each of its TUs.
                for (var d = tu->local_statics_begin; d != null && d < tu->local_statics_end; d++)
                    statics.TryAdd((nuint)d->addr, (nint)d);
            }
            tables.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            Volatile.Write(ref staticsByAddress, statics);
            Volatile.Write(ref siteTables, [.. tables]);
            Volatile.Write(ref tus, array);
            Volatile.Write(ref head, (nint)newest);
            return array;
        }
    }

    /// <summary>The instrumented static (function or variable) starting exactly at
    /// <paramref name="address"/>, or null.</summary>
    public StaticDesc* StaticAt(nuint address)
    {
        Snapshot();
        // Published whole and never changed after: readable without the lock.
        return Volatile.Read(ref staticsByAddress).TryGetValue(address, out var d) ? (StaticDesc*)d : null;
    }

    /// <summary>True when <paramref name="address"/> is an element of a registered TU's site table.</summary>
    public bool IsSiteTableEntry(nuint address)
    {
        Snapshot();
        var tables = Volatile.Read(ref siteTables);
        int lo = 0, hi = tables.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (address < tables[mid].Start)
                hi = mid - 1;
            else if (address >= tables[mid].End)
                lo = mid + 1;
            else
                return (address - tables[mid].Start) % (nuint)sizeof(AllocSite) == 0;
        }
        return false;
    }

    /// <summary>All instrumented statics, for objects whose ELF symbols are stripped.</summary>
    public List<nint> AllStatics()
    {
        Snapshot();
        return [.. Volatile.Read(ref staticsByAddress).Values];
    }
}
