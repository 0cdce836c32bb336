// The C layer's function table, handed over by __liballocs_rt_init.
namespace Liballocs.Runtime.Interop;

/// <summary>Calls into the runtime's C layer (libliballocs.so) through the table it gave us.</summary>
public static unsafe class Shim
{
    private static ShimApi api;

    /// <summary>True once <see cref="Install"/> has run with a table we understand.</summary>
    public static bool Installed { get; private set; }

    /// <summary>Keeps a copy of the C layer's table; false when its version is not ours.</summary>
    public static bool Install(ShimApi* table)
    {
        if (table == null || table->version != ShimApi.Version)
            return false;
        api = *table;
        suballocRecorded = table->suballoc_recorded;
        checksUnanswered = table->checks_unanswered;
        forkGeneration = table->fork_generation;
        Installed = true;
        return true;
    }

    private static ulong* checksUnanswered;
    private static ulong* forkGeneration;

    /// <summary>How many forks this process descends from (0 in the process that loaded the runtime, and before
    /// <see cref="Install"/>): a value not seen before means the runtime runs in a new child.</summary>
    public static ulong ForkGeneration => forkGeneration != null ? Volatile.Read(ref *forkGeneration) : 0;

    /// <summary>Checks the C layer passed without asking the runtime for <paramref name="cause"/> (0: the runtime was loading
    /// on the checking thread, 1: the check interrupted another check on its thread, both from signal handlers); 0 before
    /// <see cref="Install"/> or for another index.</summary>
    public static long ChecksUnanswered(int cause) =>
        checksUnanswered != null && cause is >= 0 and < 2 ? (long)Volatile.Read(ref checksUnanswered[cause]) : 0;

    /// <summary>Tells the C layer that the calling thread leaves the check it is in without returning (the process exits from
    /// it): its atexit handlers and destructors may still query and check.</summary>
    public static void CheckAbandoned()
    {
        if (Installed)
            api.check_abandoned();
    }

    /// <summary>The heap region holding <paramref name="p"/> as the allocator beneath the C layer reported it: its kind
    /// (<see cref="HeapRegionKind"/>), first byte and length in bytes; <see cref="HeapRegionKind.None"/> when no reported
    /// region holds it (glibc's own allocator reports none).</summary>
    public static HeapRegionKind HeapRegionOf(nuint p, out nuint start, out nuint length)
    {
        nuint s = 0, n = 0;
        var kind = Installed ? (HeapRegionKind)api.heap_region_of((void*)p, &s, &n) : HeapRegionKind.None;
        start = s;
        length = n;
        return kind is HeapRegionKind.Morecore or HeapRegionKind.Mapped ? kind : HeapRegionKind.None;
    }

    /// <summary>The live heap chunk containing <paramref name="p"/>; false when none (or its metadata was overwritten).</summary>
    public static bool HeapLookup(nuint p, out HeapChunk chunk) => HeapLookupStatus(p, out chunk) == 0;

    /// <summary>The live heap chunk containing <paramref name="p"/>: 0 and the chunk; -2 when the program overwrote the
    /// chunk's metadata (then the chunk has its base, the usable bytes before the metadata as size, no site, and the caller as
    /// read); -1 when none.</summary>
    public static int HeapLookupStatus(nuint p, out HeapChunk chunk)
    {
        HeapChunk c = default;
        var status = Installed ? api.heap_lookup((void*)p, &c) : -1;
        if (status is not (0 or -2))
            status = -1;
        chunk = status == -1 ? default : c;
        return status;
    }

    /// <summary>The freed heap chunk containing <paramref name="p"/> that waits in the quarantine (not yet reused);
    /// false when none.</summary>
    public static bool HeapLookupFreed(nuint p, out HeapChunk chunk)
    {
        HeapChunk c = default;
        var found = Installed && api.heap_lookup_freed((void*)p, &c) == 0;
        chunk = found ? c : default;
        return found;
    }

    /// <summary>The live heap chunks based in [begin, end), in address order.</summary>
    public static List<HeapChunk> HeapChunksIn(nuint begin, nuint end)
    {
        var chunks = new List<HeapChunk>();
        if (Installed)
            WithHandle(chunks, arg => api.heap_walk((void*)begin, (void*)end, &AddHeapChunk, (void*)arg));
        return chunks;
    }

    /// <summary>Newest registered TU, or null.</summary>
    public static TuMeta* TuList() => Installed ? api.tu_list() : null;

    /// <summary>Newest live stack record of the calling thread, or null.</summary>
    public static StackRecord* StackTop() => Installed ? api.stack_top() : null;

    /// <summary>The latest activation of a live local containing <paramref name="p"/>: the calling thread's records, then,
    /// when <paramref name="lo"/> &lt; <paramref name="hi"/>, other threads' records inside [lo, hi) (the stack mapping holding
    /// <paramref name="p"/>). 1 with a copy of the record, 0 when none, -1 when another thread's list could not be read
    /// consistently.</summary>
    public static int StackFind(nuint p, nuint lo, nuint hi, out StackRecord record)
    {
        StackRecord r = default;
        var answer = Installed ? api.stack_find((void*)p, lo, hi, &r) : 0;
        record = answer == 1 ? r : default;
        return answer;
    }

    /// <summary>The calling thread's live frame containing <paramref name="p"/>, found by unwinding: its lowest address, size
    /// in bytes and code address; null when <paramref name="p"/> lies in no frame the unwinder walks, or without the C layer.</summary>
    public static (nuint Base, nuint Size, nuint Ip)? StackFrameOf(nuint p)
    {
        nuint b, size, ip;
        return Installed && api.stack_frame_of((void*)p, &b, &size, &ip) == 1 ? (b, size, ip) : null;
    }

    /// <summary>Sets the site of the live chunk based at <paramref name="p"/> (lazy typing);
    /// no effect when <paramref name="p"/> is not a live chunk's base.</summary>
    public static void HeapSetSite(nuint p, AllocSite* site)
    {
        if (Installed)
            api.heap_set_site((void*)p, site);
    }

    /// <summary>Notes that a cached check fact was derived from the chunk based at
    /// <paramref name="p"/>, so that freeing it invalidates the fact.</summary>
    public static void HeapMarkFacts(nuint p)
    {
        if (Installed)
            api.heap_mark_facts((void*)p);
    }

    /// <summary>The suballocated chunk containing <paramref name="p"/>; false when none.</summary>
    public static bool SuballocLookup(nuint p, out SuballocChunk chunk)
    {
        SuballocChunk c = default;
        var found = SuballocatorsUsed && api.suballoc_lookup((void*)p, &c) == 0;
        chunk = found ? c : default;
        return found;
    }

    private static ulong* suballocRecorded;

    /// <summary>True once any suballocated chunk has been recorded (before that, suballocator lookups find nothing).</summary>
    public static bool SuballocatorsUsed
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => suballocRecorded != null && Volatile.Read(ref *suballocRecorded) != 0;
    }

    /// <summary>The freed suballocated chunk containing <paramref name="p"/> whose memory no new chunk has reused yet;
    /// false when none.</summary>
    public static bool SuballocLookupFreed(nuint p, out SuballocChunk chunk)
    {
        SuballocChunk c = default;
        var found = SuballocatorsUsed && api.suballoc_lookup_freed((void*)p, &c) == 0;
        chunk = found ? c : default;
        return found;
    }

    /// <summary>The suballocated chunks based in [begin, end), in address order.</summary>
    public static List<SuballocChunk> SuballocChunksIn(nuint begin, nuint end)
    {
        var chunks = new List<SuballocChunk>();
        if (Installed)
            WithHandle(chunks, arg => api.suballoc_walk((void*)begin, (void*)end, &AddSuballocChunk, (void*)arg));
        return chunks;
    }

    // The C walks call back with each chunk and an opaque argument: a handle to the list to fill.
    private static void WithHandle(object list, Func<nint, int> walk)
    {
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(list);
        try
        {
            walk(System.Runtime.InteropServices.GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
    }

    // Adds a chunk to the list behind `arg`: 0 to go on, 1 to stop the walk (exceptions must
    // never cross into C; the walk then answers with what it has).
    private static int Add<T>(T* chunk, void* arg) where T : unmanaged
    {
        try
        {
            ((List<T>)System.Runtime.InteropServices.GCHandle.FromIntPtr((nint)arg).Target!).Add(*chunk);
            return 0;
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "collecting chunks for a walk");
            return 1;
        }
    }

    // Callbacks from C cannot be generic: one per chunk type.
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int AddHeapChunk(HeapChunk* chunk, void* arg) => Add(chunk, arg);

    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static int AddSuballocChunk(SuballocChunk* chunk, void* arg) => Add(chunk, arg);

    /// <summary>Sets the site of the suballocated chunk based at <paramref name="p"/> (lazy typing).</summary>
    public static void SuballocSetSite(nuint p, AllocSite* site)
    {
        if (Installed)
            api.suballoc_set_site((void*)p, site);
    }

    /// <summary>Notes that a cached check fact was derived from the suballocated chunk based at
    /// <paramref name="p"/>, so that forgetting it invalidates the fact.</summary>
    public static void SuballocMarkFacts(nuint p)
    {
        if (Installed)
            api.suballoc_mark_facts((void*)p);
    }

    /// <summary>What an index of the C layer answers when writers kept it too busy to read.</summary>
    public const int IndexBusy = -2;

    /// <summary>The typing the check runtime inferred for heap memory containing <paramref name="p"/> (a
    /// cast's type recorded where no allocation site typed the memory): 0 and <paramref name="typing"/>, -1 when none,
    /// <see cref="IndexBusy"/> when the index could not be read.</summary>
    public static int InferredLookup(nuint p, out SuballocChunk typing)
    {
        SuballocChunk c = default;
        var rc = Installed ? api.inferred_lookup((void*)p, &c) : -1;
        typing = rc == 0 ? c : default;
        return rc;
    }

    /// <summary>Whether an inferred typing overlaps <paramref name="size"/> bytes at <paramref name="p"/>: 1 or 0, or
    /// <see cref="IndexBusy"/>.</summary>
    public static int InferredOverlaps(nuint p, ulong size) =>
        Installed ? api.inferred_overlaps((void*)p, size) : 0;

    /// <summary>Records that [<paramref name="p"/>, <paramref name="p"/> + <paramref name="size"/>) holds an object of
    /// <paramref name="site"/>'s type, replacing the inferred typings it overlaps: 0, 1 when it replaced some, -1 (nothing
    /// changed) when it would overlap a suballocated chunk, exceeds 64 KiB, the index was busy or the C layer cannot.</summary>
    public static int InferredRecord(nuint p, ulong size, AllocSite* site) =>
        Installed ? api.inferred_record((void*)p, size, site) : -1;

    /// <summary>Notes that a cached check fact was derived from the inferred typing of <paramref name="size"/> bytes at
    /// <paramref name="p"/> by <paramref name="site"/>, so that forgetting it invalidates the fact; false (cache nothing) when
    /// that typing is gone or the C layer cannot.</summary>
    public static bool InferredMarkFacts(nuint p, ulong size, AllocSite* site) =>
        Installed && api.inferred_mark_facts((void*)p, size, site) == 0;

    /// <summary>What the process started with; zeroed when unknown.</summary>
    public static InitialStack InitialStack()
    {
        InitialStack s = default;
        if (Installed)
            api.initial_stack(&s);
        return s;
    }
}
