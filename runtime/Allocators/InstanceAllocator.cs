// Allocator instances of the allocator configuration: "xmalloc" (a wrapper of malloc), "pool" (a suballocator).
using System.Collections.Concurrent;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// A named instance of an allocator family, as the allocator configuration names it (allocscc
/// puts the name in each allocation site: <c>struct __liballocs_allocsite</c>'s <c>instance</c>).
/// Its allocations are those of <see cref="Family"/> whose site names it; it answers for those
/// only. It is not a level of the hierarchy of its own: the family finds its allocations and
/// says which instance issued each.
/// </summary>
public sealed class InstanceAllocator(string name, Allocator family, Allocator? parent) : Allocator(name, parent)
{
    /// <summary>The allocator whose index holds this instance's allocations ("malloc", "suballocator").</summary>
    public Allocator Family { get; } = family;

    /// <inheritdoc/>
    public override StorageKind Storage => Family.Storage;

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        if (Family.TryGetInfo(address, out allocation) && allocation.Allocator == this)
            return true;
        allocation = default;
        return false;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit) =>
        Family.Walk(begin, end, a => a.Allocator != this || visit(a));
}

/// <summary>
/// The instances of one family, one per name, made on first sight with a native descriptor of
/// their own. A site naming no instance, or the family's own name, is the family's. Thread-safe.
/// </summary>
public sealed unsafe class AllocatorInstances(Allocator family)
{
    private readonly ConcurrentDictionary<nint, Allocator> bySite = new();
    private readonly Dictionary<string, Allocator> byName = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The allocator of the allocation at <paramref name="address"/> made at
    /// <paramref name="site"/>; a new instance's parent is <paramref name="parentOf"/>'s answer for
    /// that address (asked only when one is made).</summary>
    public Allocator For(AllocSite* site, nuint address, Func<nuint, Allocator?> parentOf)
    {
        if (site == null || site->instance == null || *site->instance == 0)
            return family;
        if (bySite.TryGetValue((nint)site, out var known))
            return known;
        var made = Named(NativeReading.Utf8(site->instance), () => parentOf(address));
        bySite.TryAdd((nint)site, made);
        return made;
    }

    /// <summary>The instance named <paramref name="name"/>, made if need be.</summary>
    public Allocator Named(string name, Func<Allocator?> parentOfNew)
    {
        if (name.Length == 0 || name == family.Name)
            return family;
        lock (gate)
        {
            if (byName.TryGetValue(name, out var known))
                return known;
        }
        // Outside the lock: finding the parent may resolve addresses (and make other instances).
        var parent = parentOfNew();
        lock (gate)
        {
            if (byName.TryGetValue(name, out var raced))
                return raced;
            var made = new InstanceAllocator(name, family, parent);
            AllocatorDescriptors.Add(made);
            byName[name] = made;
            return made;
        }
    }

    /// <summary>Every instance made so far.</summary>
    public IReadOnlyList<Allocator> All
    {
        get
        {
            lock (gate)
                return [.. byName.Values];
        }
    }
}
