// The checks' exports of shim_api.h (__liballocs_rt_check...) and the process's one cast-checking session behind them.
using System.Runtime.InteropServices;
using Liballocs.Checks;
using Liballocs.Checks.Options;
using Liballocs.Checks.Reports;
using Liballocs.Checks.Semantics;
using Liballocs.Checks.Suppressions;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Checking;

/// <summary>
/// The checks' side of liballocs_rt.so: the entry points of shim_api.h the C layer's checks call (<see cref="Check"/>,
/// <see cref="ReportPending"/>, <see cref="AddCacheHits"/>, <see cref="AtExit"/>; none lets an exception escape) and the
/// one <see cref="CheckSession"/> of the process they answer from. <see cref="Start"/> composes it once, from
/// <c>__liballocs_rt_init</c>, over the allocation hierarchy: it parses LIBALLOCS_OPTIONS, prints help or option problems,
/// loads the suppressions and opens nothing yet (the log is opened by the first report).
/// </summary>
public static unsafe class CheckRuntime
{
    private static CheckSession? session;
    private static AllocationHierarchy? checkedHierarchy;   // for the internal-error message's reading of a cast site

    /// <summary>Starts checking over <paramref name="hierarchy"/> (null: every check answers "unknown storage").</summary>
    public static void Start(AllocationHierarchy? hierarchy)
    {
        if (session is not null)
            return;
        var options = CheckOptions.Parse(Environment.GetEnvironmentVariable("LIBALLOCS_OPTIONS"));
        foreach (var problem in options.Problems)
            StandardError.WriteLine(problem);
        if (options.Help)
            StandardError.WriteLine(CheckOptions.HelpText().TrimEnd('\n'));
        var suppressions = options.SuppressionsFile is { } file ? SuppressionRules.Load(file) : SuppressionRules.None;
        foreach (var problem in suppressions.Problems)
            StandardError.WriteLine(problem);
        if (hierarchy is null)
            return;
        checkedHierarchy = hierarchy;
        var symbolizer = new Symbolizer(options.SymbolizeSeparateDebugInfo);
        var host = new ProcessHost(hierarchy.Tus, symbolizer);
        session = new CheckSession(options, suppressions, new ProcessMemory(hierarchy), OpenWriter(options, host), symbolizer, host);
    }

    private static ulong forksSeen, forksReset;

    /// <summary>The session, reset first when this is the first entry since a fork (shim_api.h, fork_generation): a child's
    /// summary counts what it did after the fork, and its reports go to its own log. One thread resets, others wait until it
    /// is done (the child may have started threads of its own before its first entry): nobody uses the session meanwhile.</summary>
    private static CheckSession? Current()
    {
        if (session is not { } s)
            return null;
        var forks = Shim.ForkGeneration;
        if (forks == Volatile.Read(ref forksReset))
            return s;
        var seen = Volatile.Read(ref forksSeen);
        if (seen != forks && Interlocked.CompareExchange(ref forksSeen, forks, seen) == seen)
        {
            try
            {
                s.AfterFork();
            }
            finally
            {
                Volatile.Write(ref forksReset, forks);
            }
        }
        else
        {
            var wait = new SpinWait();
            while (Volatile.Read(ref forksReset) != forks)
            {
                if (Shim.ForkGeneration != forks)
                    return Current();   // forked (from a signal handler) while waiting: the resetter is not in this process
                wait.SpinOnce();
            }
        }
        return s;
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
            return CheckOnce(p, site, frames, nframes, fact, verdict);
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

    // The session's answer in the C layer's terms.
    private static int CheckOnce(void* p, CastSite* site, void** frames, uint nframes, CheckFact* fact, RtVerdict* verdict)
    {
        if (fact != null)
            fact->key = null;
        if (Current() is not { } s || site == null)
            return (int)CheckResult.UnknownStorage;   // *verdict stays as the caller set it (a version-6 caller passes none)
        if (verdict != null)
            *verdict = default;
        // No frames: the C layer captures them only if a report is pending.
        var result = s.Check((nuint)p, site, frames == null ? default : new ReadOnlySpan<nuint>(frames, (int)nframes), out var f,
            out var reuse, deferReport: frames == null);
        if (reuse is { } r && verdict != null)
        {
            verdict->reusable = r.Scope.Local ? VerdictReuse.Local : r.Scope.Static ? VerdictReuse.Static : VerdictReuse.Heap;
            verdict->any_size = r.Scope.AnySize ? 1 : 0;
            verdict->allocsite = (AllocSite*)r.Scope.Site;
            verdict->retype = (AllocSite*)r.Scope.Retype;
            verdict->chunk_base = (void*)r.Scope.Base;
            verdict->chunk_size = r.Scope.Size;
            verdict->failures = (long*)r.FailureCount;
            if (r.Scope.Typing is { } typing)
            {
                verdict->typing_site = (AllocSite*)typing.Site;
                verdict->typing_base = (void*)typing.Base;
                verdict->typing_size = typing.Size;
                verdict->typing_from = typing.From;
            }
            if (r.Scope.Infer is { } infer)
            {
                verdict->infer_site = (AllocSite*)infer.Site;
                verdict->infer_extent = infer.Extent;
                verdict->infer_passes_when_clean = infer.PassesWhenClean ? 1u : 0u;
                verdict->unknowns = (long*)r.UnknownCount;
                verdict->unknown_total = (long*)r.UnknownTotal;
                verdict->typings_inferred = (long*)r.TypingsInferred;
            }
        }
        if (result == CheckResult.Passed && f is { } made && fact != null)
        {
            fact->lo = made.Lo;
            fact->hi = made.Hi;
            fact->period = made.Period;
            fact->kind_and_degree = made.KindAndDegree;
            fact->key = (void*)made.Key;
        }
        return (int)result;
    }

    /// <summary>Writes the report a check of this thread left pending (it returned <see cref="CheckResult.ReportPending"/>), with the
    /// stack the C layer captured: <paramref name="frames"/> are return addresses, innermost first.</summary>
    [UnmanagedCallersOnly(EntryPoint = RtEntryText.ReportPending)]
    public static void ReportPending(void** frames, uint nframes)
    {
        try
        {
            Current()?.WritePendingReport(frames == null ? default : new ReadOnlySpan<nuint>(frames, (int)nframes));
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
            Current()?.AddCacheHits(hits);
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
            Current()?.AtExit();
        }
        catch (Exception e)
        {
            RuntimeErrors.Report(e, "writing the exit summary");
        }
    }

    private static ReportWriter OpenWriter(CheckOptions options, ProcessHost host)
    {
        var logPath = options.LogPath;
        var colour = options.Color == "always" || (options.Color == "auto" && logPath is null && LibC.isatty(2) == 1);
        IReportFormatter formatter = options.Json ? new JsonReportFormatter() : new TextReportFormatter(colour ? Palette.Ansi : Palette.None);
        // Each process's own file (a fork's child opens its own: the writer asks the host's getpid).
        return new ReportWriter(formatter, () => logPath is null
            ? StandardError.Open()
            : StandardError.OpenAppending($"{logPath}.{host.ProcessId}"), StandardError.Open, () => host.ProcessId);
    }

    // What a failed check was doing, for the internal-error message. The site and its file name are read only where the maps
    // say they are readable (a fault here could not be caught; the program may have damaged its metadata), the name at most
    // 512 bytes; anything thrown here must not leave this catch-handler's helper.
    private static string CheckContext(void* p, CastSite* site)
    {
        var where = $"the cast site at 0x{(nuint)site:x}";
        try
        {
            var maps = checkedHierarchy?.Maps;
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
