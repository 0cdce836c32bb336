// Native struct allocator descriptors whose functions call back into the C# allocators.
using System.Runtime.InteropServices;
using System.Text;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// One native <c>struct allocator</c> per allocator, allocated once and never freed (C code keeps
/// the pointers). Their function pointers lead to the dispatchers below, which find the C#
/// allocator by the descriptor's id. The hierarchy's allocators get theirs at start-up
/// (<see cref="Create"/>); allocator instances named by allocation sites ("xmalloc", "pool") get
/// theirs when first seen (<see cref="Add"/>), from any thread.
/// </summary>
public static unsafe class AllocatorDescriptors
{
    private static readonly Lock gate = new();
    // Indexed by descriptor id; replaced, never changed in place, so readers need no lock.
    private static Allocator[] allocators = [];
    private static bool created;

    /// <summary>Creates the descriptors for <paramref name="all"/> (once; later calls are ignored).</summary>
    public static void Create(IReadOnlyList<Allocator> all)
    {
        lock (gate)
        {
            if (created)
                return;
            created = true;
            foreach (var a in all)
                Register(a);
        }
    }

    /// <summary>The descriptor of <paramref name="allocator"/>, made (with its parents') if it has
    /// none yet. Thread-safe.</summary>
    public static AllocatorNative* Add(Allocator allocator)
    {
        var known = Of(allocator);
        if (known != null)
            return known;
        lock (gate)
            return Register(allocator);
    }

    /// <summary>The descriptor of <paramref name="allocator"/>, or null if it has none.</summary>
    public static AllocatorNative* Of(Allocator allocator) => (AllocatorNative*)Volatile.Read(ref allocator.descriptor);

    /// <summary>Fills a native alloc_info from <paramref name="a"/>.</summary>
    public static void Fill(in Allocation a, AllocInfoNative* info)
    {
        info->allocator = Of(a.Allocator);
        info->@base = (void*)a.Base;
        info->size = a.Size;
        info->type = (Uniqtype*)a.Type;
        info->site = (void*)a.Site;
    }

    // Called under `gate`. Parents first, so that every descriptor's parent pointer is set once.
    private static AllocatorNative* Register(Allocator allocator)
    {
        if (allocator.descriptor != 0)
            return (AllocatorNative*)allocator.descriptor;
        var parent = allocator.Parent is { } p ? Register(p) : null;
        var d = (AllocatorNative*)NativeMemory.AllocZeroed((nuint)sizeof(AllocatorNative));
        d->name = Utf8Copy(allocator.Name);
        d->get_info = &GetInfo;
        d->get_base = &GetBase;
        d->get_size = &GetSize;
        d->get_type = &GetType;
        d->get_site = &GetSite;
        d->walk_allocations = &WalkAllocations;
        d->parent = parent;
        d->id = (ulong)allocators.Length;
        Volatile.Write(ref allocators, [.. allocators, allocator]);
        Volatile.Write(ref allocator.descriptor, (nint)d);
        return d;
    }

    private static byte* Utf8Copy(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = (byte*)NativeMemory.AllocZeroed((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    private static Allocator? ById(AllocatorNative* self)
    {
        var list = Volatile.Read(ref allocators);
        return self != null && self->id < (ulong)list.Length ? list[self->id] : null;
    }

    private static bool Lookup(AllocatorNative* self, void* obj, out Allocation a)
    {
        a = default;
        try
        {
            return ById(self) is { } allocator && allocator.TryGetInfo((nuint)obj, out a);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, $"answering an allocator's query on 0x{(nuint)obj:x}");
            return false;
        }
    }

    [UnmanagedCallersOnly]
    private static int GetInfo(AllocatorNative* self, void* obj, AllocInfoNative* info)
    {
        if (!Lookup(self, obj, out var a))
            return -1;
        if (info != null)
            Fill(a, info);
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void* GetBase(AllocatorNative* self, void* obj) => Lookup(self, obj, out var a) ? (void*)a.Base : null;

    [UnmanagedCallersOnly]
    private static ulong GetSize(AllocatorNative* self, void* obj) => Lookup(self, obj, out var a) ? a.Size : 0;

    [UnmanagedCallersOnly]
    private static Uniqtype* GetType(AllocatorNative* self, void* obj) => Lookup(self, obj, out var a) ? (Uniqtype*)a.Type : null;

    [UnmanagedCallersOnly]
    private static void* GetSite(AllocatorNative* self, void* obj) => Lookup(self, obj, out var a) ? (void*)a.Site : null;

    [UnmanagedCallersOnly]
    private static int WalkAllocations(AllocatorNative* self, void* begin, void* end,
        delegate* unmanaged<AllocInfoNative*, void*, int> cb, void* arg)
    {
        if (ById(self) is not { } allocator || cb == null)
            return -1;
        var stoppedWith = 0;
        try
        {
            allocator.Walk((nuint)begin, (nuint)end, a =>
            {
                AllocInfoNative info;
                Fill(a, &info);
                stoppedWith = cb(&info, arg);
                return stoppedWith == 0;
            });
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, $"walking the allocations in [0x{(nuint)begin:x}, 0x{(nuint)end:x})");
            return -1;
        }
        return stoppedWith;
    }
}
