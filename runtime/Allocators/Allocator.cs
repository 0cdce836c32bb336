// The interface every allocator implements, as liballocs' struct allocator.
namespace Liballocs.Runtime.Allocators;

/// <summary>
/// An allocator: something that issues allocations (malloc, static, stack, auxv, mmap, brk...).
/// Each has a native <c>struct allocator</c> descriptor (see <see cref="AllocatorDescriptors"/>)
/// so C code can call it through allocs.h.
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

    // Its native descriptor (an AllocatorNative*), 0 until AllocatorDescriptors made one.
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
