// The live memory model: the allocation hierarchy, and lazy typing through the C layer.
using System.Runtime.InteropServices;
using Liballocs.Runtime;
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Interop;

namespace Liballocs.Checks.Semantics;

/// <summary>
/// <see cref="IMemoryModel"/> over the process's <see cref="AllocationHierarchy"/>. Lazy typing
/// gives an untyped heap chunk a synthetic allocation site made here (one per original site,
/// type and array-ness; they live as long as the process, since chunks point to them).
/// </summary>
public sealed unsafe class ProcessMemory(AllocationHierarchy hierarchy) : IMemoryModel
{
    private readonly Lock gate = new();
    private readonly Dictionary<(nint Site, nint Type, bool Array), nint> syntheticSites = [];

    /// <inheritdoc/>
    public bool TryResolve(nuint address, out Allocation allocation) => hierarchy.TryResolve(address, 0, out allocation);

    /// <inheritdoc/>
    public bool TryTypeLazily(in Allocation chunk, Uniqtype* type, out Allocation typed)
    {
        typed = default;
        lock (gate)
        {
            // Another thread may have typed it since we looked.
            if (!Shim.HeapLookup(chunk.Base, out var c) || (nuint)c.@base != chunk.Base)
                return false;
            if (c.site == null || c.site->type == null)
            {
                var isArray = type->size > 0 && c.size % type->size == 0 && c.size / type->size >= 2;
                Shim.HeapSetSite(chunk.Base, SyntheticSite(c.site, type, isArray));
            }
            return hierarchy.TryResolve(chunk.Base, 0, out typed) && typed.Base == chunk.Base && typed.Type != 0;
        }
    }

    /// <inheritdoc/>
    public bool MarkFacts(nuint chunkBase)
    {
        if (!Shim.CanMarkFacts)
            return false;
        Shim.HeapMarkFacts(chunkBase);
        return true;
    }

    // Called under `gate`.
    private AllocSite* SyntheticSite(AllocSite* original, Uniqtype* type, bool isArray)
    {
        var key = ((nint)original, (nint)type, isArray);
        if (syntheticSites.TryGetValue(key, out var made))
            return (AllocSite*)made;
        var site = (AllocSite*)NativeMemory.AllocZeroed((nuint)sizeof(AllocSite));
        if (original != null)
            *site = *original;
        site->type = type;
        site->flags = isArray ? site->flags | AllocSite.FlagArray : site->flags & ~AllocSite.FlagArray;
        syntheticSites[key] = (nint)site;
        return site;
    }
}
