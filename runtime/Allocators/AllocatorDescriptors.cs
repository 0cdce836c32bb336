// Native struct allocator descriptors whose functions call back into the C# allocators.
using System.Runtime.InteropServices;
using System.Text;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// One native <c>struct allocator</c> per allocator, allocated once and never freed (C code keeps
/// the pointers). Their function pointers lead to the dispatchers below, which find the C#
/// allocator by the descriptor's id.
/// </summary>
public static unsafe class AllocatorDescriptors
{
    private static Allocator[] allocators = [];
    private static AllocatorNative*[] natives = [];

    /// <summary>Creates the descriptors for <paramref name="all"/> (once; later calls are ignored).</summary>
    public static void Create(IReadOnlyList<Allocator> all)
    {
        if (allocators.Length > 0)
            return;
        var list = all.ToArray();
        var made = new AllocatorNative*[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var d = (AllocatorNative*)NativeMemory.AllocZeroed((nuint)sizeof(AllocatorNative));
            d->name = Utf8Copy(list[i].Name);
            d->get_info = &GetInfo;
            d->get_base = &GetBase;
            d->get_size = &GetSize;
            d->get_type = &GetType;
            d->get_site = &GetSite;
            d->walk_allocations = &WalkAllocations;
            d->id = (ulong)i;
            made[i] = d;
        }
        for (var i = 0; i < list.Length; i++)
        {
            var parent = Array.IndexOf(list, list[i].Parent);
            made[i]->parent = parent >= 0 ? made[parent] : null;
        }
        allocators = list;
        natives = made;
    }

    /// <summary>The descriptor of <paramref name="allocator"/>, or null if it has none.</summary>
    public static AllocatorNative* Of(Allocator allocator)
    {
        var i = Array.IndexOf(allocators, allocator);
        return i >= 0 ? natives[i] : null;
    }

    /// <summary>Fills a native alloc_info from <paramref name="a"/>.</summary>
    public static void Fill(in Allocation a, AllocInfoNative* info)
    {
        info->allocator = Of(a.Allocator);
        info->@base = (void*)a.Base;
        info->size = a.Size;
        info->type = (Uniqtype*)a.Type;
        info->site = (void*)a.Site;
    }

    private static byte* Utf8Copy(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = (byte*)NativeMemory.AllocZeroed((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    private static bool Lookup(AllocatorNative* self, void* obj, out Allocation a)
    {
        a = default;
        try
        {
            return self != null && self->id < (ulong)allocators.Length
                && allocators[self->id].TryGetInfo((nuint)obj, out a);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e);
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
        if (self == null || self->id >= (ulong)allocators.Length || cb == null)
            return -1;
        var stoppedWith = 0;
        try
        {
            allocators[self->id].Walk((nuint)begin, (nuint)end, a =>
            {
                AllocInfoNative info;
                Fill(a, &info);
                stoppedWith = cb(&info, arg);
                return stoppedWith == 0;
            });
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e);
            return -1;
        }
        return stoppedWith;
    }
}
