// The entry points the C layer (runtime/native/api.c) looks up with dlsym.
using System.Runtime.InteropServices;
using Liballocs.Runtime.Checking;
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime;

/// <summary>Exports of liballocs_rt.so, named as in shim_api.h. None lets an exception escape.</summary>
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

    /// <summary>Checks <paramref name="p"/> against the cast site <paramref name="site"/>: a <see cref="CheckResult"/>
    /// (<see cref="CheckResult.ReportPending"/> only when <paramref name="frames"/> is null: see __liballocs_rt_report_pending). On 0 may fill
    /// <paramref name="fact"/> for the calling thread's cache (key null when nothing may be cached); fills <paramref name="verdict"/>
    /// (may be null) with whether the C layer may reuse the verdict.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.Check)]
    public static int Check(void* p, CastSite* site, void** frames, uint nframes, CheckFact* fact, RtVerdict* verdict)
    {
        try
        {
            return CheckRuntime.Check(p, site, frames, nframes, fact, verdict);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, CheckContext(p, site));
            if (fact != null)
                fact->key = null;
            if (verdict != null)
                verdict->reusable = VerdictReuse.None;
            return (int)CheckResult.UnknownStorage;
        }
    }

    /// <summary>Writes the report a check of this thread left pending (it returned <see cref="CheckResult.ReportPending"/>), with the
    /// stack the C layer captured: <paramref name="frames"/> are return addresses, innermost first.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.ReportPending)]
    public static void ReportPending(void** frames, uint nframes)
    {
        try
        {
            CheckRuntime.ReportPending(frames, nframes);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "writing a report");
        }
    }

    /// <summary>Adds <paramref name="hits"/> checks a thread's cache answered to the totals.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.AddCacheHits)]
    public static void AddCacheHits(ulong hits)
    {
        try
        {
            CheckRuntime.AddCacheHits(hits);
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "counting cache hits");
        }
    }

    /// <summary>Prints the exit summary when the options ask for it (the C layer registers it with atexit).</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.AtExit)]
    public static void AtExit()
    {
        try
        {
            CheckRuntime.AtExit();
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "writing the exit summary");
        }
    }

    // What a failed check was doing, for the internal-error message. The site and its file name are read only where the maps
    // say they are readable (a fault here could not be caught; the program may have damaged its metadata), the name at most
    // 512 bytes; anything thrown here must not leave this catch-handler's helper.
    private static string CheckContext(void* p, CastSite* site)
    {
        var where = $"the cast site at 0x{(nuint)site:x}";
        try
        {
            var maps = hierarchy?.Maps;
            if (maps is not null && site != null && maps.IsReadable((nuint)site, (ulong)sizeof(CastSite)) && site->file != null)
            {
                var file = (byte*)site->file;
                var length = 0;
                while (length < 512 && maps.IsReadable((nuint)(file + length), 1) && file[length] != 0)
                    length++;
                if (length < 512)
                    where = $"the cast at {System.Text.Encoding.UTF8.GetString(file, length)}:{site->line}:{site->column}";
            }
        }
        catch (Exception)
        {
            // Keep the address.
        }
        return $"checking {where} on 0x{(nuint)p:x}";
    }
}
