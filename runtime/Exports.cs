// The entry points the C layer (runtime/native/api.c) looks up with dlsym: start-up, which composes the runtime and the
// checks, and the liballocs queries. The checks' entry points are runtime/Checking/CheckRuntime.cs.
using System.Runtime.InteropServices;
using Liballocs.Runtime.Checking;
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime;

/// <summary>Exports of liballocs_rt.so, named as in shim_api.h (the checks' are <see cref="CheckRuntime"/>'s). None lets an
/// exception escape.</summary>
public static unsafe class Exports
{
    private static AllocationHierarchy? hierarchy;

    /// <summary>The process's hierarchy; null before <c>__liballocs_rt_init</c>.</summary>
    public static AllocationHierarchy? Hierarchy => hierarchy;

    /// <summary>Takes the C layer's function table and builds the allocator hierarchy.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.Init)]
    public static void Init(ShimApi* api)
    {
        try
        {
            if (!Shim.Install(api))
            {
                CheckRuntime.Start(null);
                StandardError.WriteLine("liballocs: runtime and C layer versions differ; answering \"unknown\"");
                return;
            }
            var h = new AllocationHierarchy();
            AllocatorDescriptors.Create(h.All);
            hierarchy = h;
            CheckRuntime.Start(h);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "starting the runtime");
        }
    }

    /// <summary>Fills <paramref name="info"/> for the allocation <paramref name="level"/> levels above
    /// the innermost one containing <paramref name="obj"/>; 0 on success, -1 when unknown.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.GetInfo)]
    public static int GetInfo(void* obj, uint level, AllocInfoNative* info)
    {
        try
        {
            if (hierarchy is null || info == null || !hierarchy.TryResolve((nuint)obj, level, out var a))
                return -1;
            AllocatorDescriptors.Fill(a, info);
            return 0;
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, $"answering a query on 0x{(nuint)obj:x}");
            return -1;
        }
    }

    /// <summary>The uniqtype with liballocs name <paramref name="name"/>, or null.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.UniqtypeByName)]
    public static Uniqtype* UniqtypeByName(byte* name)
    {
        try
        {
            return hierarchy is null || name == null ? null
                : hierarchy.Types.Find(Marshal.PtrToStringUTF8((nint)name) ?? "");
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "looking up a uniqtype by name");
            return null;
        }
    }
}
