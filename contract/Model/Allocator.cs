// The interface every allocator implements, as liballocs' struct allocator.
namespace Liballocs.Model;

/// <summary>
/// An allocator: something that issues allocations (malloc, static, stack, auxv, mmap, brk...).
/// Each has a native <c>struct allocator</c> descriptor (the runtime's AllocatorDescriptors)
/// so C code can call it through allocs.h. The runtime implements the allocators; checks see them through this class.
/// </summary>
public abstract class Allocator
{
    /// <summary>Creates an allocator named <paramref name="name"/> whose memory comes from
    /// <paramref name="parent"/> (null at the top of the hierarchy).</summary>
    protected Allocator(string name, Allocator? parent)
    {
        Name = name;
        Parent = parent;
    }

    /// <summary>Name shown to users and in <c>struct allocator</c>'s name, e.g. "malloc".</summary>
    public string Name { get; }

    /// <summary>The allocator whose allocations this one carves up, or null.</summary>
    public Allocator? Parent { get; }

    /// <summary>The kind of storage this allocator's allocations are, which decides what a check may cache about them and
    /// how a report names them.</summary>
    public abstract StorageKind Storage { get; }

    // Its native descriptor (an AllocatorNative*), 0 until the runtime's AllocatorDescriptors made one (internal: the
    // runtime's assembly sees it, Contract.csproj).
    internal nint descriptor;

    /// <summary>
    /// The innermost allocation of this allocator containing <paramref name="address"/>.
    /// Returns false when it has none. Never dereferences an address it does not know to be mapped.
    /// </summary>
    public abstract bool TryGetInfo(nuint address, out Allocation allocation);

    /// <summary>
    /// Visits this allocator's live allocations that start in [begin, end), in address order,
    /// until <paramref name="visit"/> returns false. Returns false when stopped early.
    /// </summary>
    public abstract bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit);
}
