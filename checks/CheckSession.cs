// One process's cast checking: engine, counters, dedup, suppressions, reports, the exit summary.
using System.Globalization;
using Liballocs.Checks.Options;
using Liballocs.Checks.Reports;
using Liballocs.Checks.Semantics;
using Liballocs.Checks.Suppressions;

namespace Liballocs.Checks;

/// <summary>
/// Answers checks and decides what becomes of failures: each distinct (cast site, allocation
/// site or base, root type, subobject type) is reported once, repeats counted; a failure
/// matching a suppression rule is counted, not printed; with halt_on_error the first report
/// ends the program. Thread-safe.
/// </summary>
public sealed unsafe class CheckSession
{
    private readonly CheckOptions options;
    private readonly int verbosity;   // read on every check: parsed once
    private readonly SuppressionRules suppressions;
    private readonly CheckEngine engine;
    private readonly ReportWriter writer;
    private readonly ReportBuilder builder;
    private readonly ICheckHost host;
    private Lock gate = new();
    private Dictionary<DedupKey, Distinct> distinct = [];
    private List<Distinct> order = [];
    private int summaryPrinted;
    // Unknown-storage checks per (cast site, cause); the summary's totals by cause are sums of these.
    private System.Collections.Concurrent.ConcurrentDictionary<(nint Site, UnknownCause Cause), UnknownCounter> unknownCounts = new();

    // Count: a native cell (CheckCounters.NewCell) the C layer also increments when it reuses a verdict that ends here.
    private sealed class UnknownCounter(nint site, UnknownCause cause)
    {
        public nint Site { get; } = site;
        public UnknownCause Cause { get; } = cause;
        public long* Count { get; } = CheckCounters.NewCell();
    }

    /// <summary>A verdict the C layer may reuse: the chunks it holds for; for a failure, the count of its distinct report (a
    /// native cell, incremented atomically per repeat); for a verdict that records an inferred typing
    /// (<see cref="VerdictScope.Infer"/>), the cells it counts in: unknown storage at this cast site for its cause, the total of
    /// unknown storage and the typings inferred.</summary>
    public readonly record struct ReusableVerdict(VerdictScope Scope, nint FailureCount, nint UnknownCount = 0,
        nint UnknownTotal = 0, nint TypingsInferred = 0);

    private readonly record struct DedupKey(nint Site, nint Allocation, nint RootType, nint Subobject, bool Freed);

    // Count: the failures of this kind, in a native cell the C layer also increments (CheckCounters.NewFailureCell).
    private sealed class Distinct(SourceLocation location, string check, string expected, bool suppressed, long* count)
    {
        public MetAllocation Allocation { get; init; } = MetAllocation.Unknown;
        public SourceLocation Location { get; } = location;
        public string Check { get; } = check;
        public string Expected { get; } = expected;
        public bool Suppressed { get; } = suppressed;
        public long* Count { get; } = count;
    }

    /// <summary>Creates a session over <paramref name="memory"/> writing through <paramref name="writer"/>, in the process
    /// <paramref name="host"/> stands for (it names static objects, and ends the process when halting).</summary>
    public CheckSession(CheckOptions options, SuppressionRules suppressions, IMemoryModel memory, ReportWriter writer,
        ISymbolizer symbolizer, ICheckHost host)
    {
        this.options = options;
        verbosity = options.Verbosity;
        this.suppressions = suppressions;
        this.writer = writer;
        this.host = host;
        engine = new CheckEngine(memory);
        builder = new ReportBuilder(symbolizer, host.StaticName);
    }

    /// <summary>The totals so far.</summary>
    public CheckCounters Counters { get; } = new();

    // A report whose stack the C layer has yet to capture (see ReportPending), per thread: a bad cast or a damaged chunk.
    [ThreadStatic]
    private static CastFailure? pending;
    [ThreadStatic]
    private static DamageFound? pendingDamage;

    // A check met the heap chunk `Chunk` with overwritten metadata.
    private sealed record DamageFound(nint Site, nuint Pointer, Allocation Chunk);

    // Heap chunks whose overwritten metadata has been reported (by base).
    private HashSet<nuint> damagedChunks = [];

    private bool FirstDamageOf(nuint chunk)
    {
        lock (gate)
            return damagedChunks.Add(chunk);
    }

    private void WriteDamage(DamageFound d, ReadOnlySpan<nuint> frames)
    {
        writer.WriteDamage(builder.BuildDamage((CastSite*)d.Site, d.Pointer, d.Chunk, frames));
        if (options.HaltOnError)
        {
            PrintSummaryOnce();
            host.Exit(options.ExitCode);
        }
    }

    /// <summary>
    /// Checks <paramref name="p"/> against <paramref name="site"/>, reporting a failure;
    /// <paramref name="frames"/> are the return addresses of the checking code's callers. With
    /// <paramref name="deferReport"/>, a new report is not written: the result is
    /// <see cref="CheckResult.ReportPending"/> and <see cref="WritePendingReport"/> writes it with
    /// the stack the caller captures then (so passing checks never pay for a backtrace).
    /// </summary>
    public CheckResult Check(nuint p, CastSite* site, ReadOnlySpan<nuint> frames, out CacheFact? fact, bool deferReport = false) =>
        Check(p, site, frames, out fact, out _, deferReport);

    /// <summary>
    /// As <see cref="Check(nuint, CastSite*, ReadOnlySpan{nuint}, out CacheFact?, bool)"/>; <paramref name="reuse"/> is set when
    /// the verdict followed from a heap chunk's allocation site alone and may answer later checks of this cast site into chunks of
    /// that site and size at the same offset (with the distinct report's count cell to increment for a failure); null when not,
    /// and always at verbosity 2 and above, where every check writes a note.
    /// </summary>
    public CheckResult Check(nuint p, CastSite* site, ReadOnlySpan<nuint> frames, out CacheFact? fact, out ReusableVerdict? reuse,
        bool deferReport = false)
    {
        reuse = null;
        var outcome = engine.Check(p, site);
        fact = outcome.Fact;
        if (outcome.Inferred)
            Counters.TypingInferred();
        if ((outcome.TypedLazily || outcome.Inferred) && verbosity >= 1)
            writer.WriteNote(LazyTypingNote(p, site, outcome.TypedAllocator, outcome.Inferred));
        if (verbosity >= 2)
            writer.WriteNote(CheckNote(p, site, outcome.Result));
        switch (outcome.Result)
        {
            case CheckResult.Passed:
                Counters.Pass();
                // Verbosity 1 notes each lazy typing and inferred typing, 2 each check: those stay with the runtime.
                if (outcome.Reuse is { } passScope && verbosity < (passScope.Retype != 0 || passScope.Infer != null ? 1 : 2))
                    reuse = passScope.Infer != null
                        ? InferringVerdict(passScope, site, UnknownCause.InferredTypeDiffers)   // what it ends as when it re-types
                        : new ReusableVerdict(passScope, 0);
                break;
            case CheckResult.UnknownStorage:
                Counters.Unknown();
                CountUnknown(p, site, outcome.Cause);
                if (outcome.Reuse is { Infer: not null } unknownScope && verbosity < 1)
                    reuse = InferringVerdict(unknownScope, site, outcome.Cause);
                if (outcome.Damaged is { } damaged && FirstDamageOf(damaged.HeapChunk))
                {
                    var found = new DamageFound((nint)site, p, damaged);
                    if (deferReport)
                    {
                        pendingDamage = found;
                        return CheckResult.ReportPending;
                    }
                    WriteDamage(found, frames);
                }
                break;
            default:
                var pendingReport = Failed(outcome.Failure!, frames, deferReport, out var count);
                if (outcome.Reuse is { } failScope && verbosity < 2)
                    reuse = new ReusableVerdict(failScope, (nint)count);
                if (pendingReport)
                    return CheckResult.ReportPending;
                break;
        }
        return outcome.Result;
    }

    // A verdict that records an inferred typing, and counts as unknown storage at `site` for `cause` when it ends unknown.
    private ReusableVerdict InferringVerdict(VerdictScope scope, CastSite* site, UnknownCause cause) =>
        new(scope, 0, (nint)UnknownCell(site, cause), (nint)Counters.UnknownStorageCell, (nint)Counters.TypingsInferredCell);

    // The counters this thread used last, by cast site (direct-mapped): a few casts usually meet the same holes again and
    // again (an interpreter's push and pop), and a dictionary lookup per check cost more than the rest of the count.
    private sealed class RecentUnknown(CheckSession session, int epoch)
    {
        public CheckSession Session { get; } = session;
        public int Epoch { get; } = epoch;   // the session's AfterFork count when made: counters of an earlier one are gone
        public UnknownCounter?[] Counters { get; } = new UnknownCounter?[8];
    }

    [ThreadStatic]
    private static RecentUnknown? recentUnknown;
    private int epoch;

    // Counts an unknown-storage check by cast site and cause; verbosity=1 notes the first of each.
    private void CountUnknown(nuint p, CastSite* site, UnknownCause cause)
    {
        var recent = recentUnknown;
        if (recent is null || !ReferenceEquals(recent.Session, this) || recent.Epoch != epoch)
            recentUnknown = recent = new RecentUnknown(this, epoch);
        var slot = (int)(((nuint)site >> 4) & 7);
        if (recent.Counters[slot] is { } counter && counter.Site == (nint)site && counter.Cause == cause)
        {
            Interlocked.Increment(ref *counter.Count);
            return;
        }
        var key = ((nint)site, cause);
        if (!unknownCounts.TryGetValue(key, out var seen))
        {
            var added = new UnknownCounter((nint)site, cause);
            seen = unknownCounts.GetOrAdd(key, added);
            if (ReferenceEquals(seen, added) && verbosity >= 1)
                writer.WriteNote(string.Create(CultureInfo.InvariantCulture,
                    $"{ReportBuilder.LocationOf(site).FileLineColumn}: cast to '{ReportBuilder.ExpectedTypeOf(site)}' met unknown storage "
                    + $"({UnknownCauses.NameOf(cause)}) at 0x{(ulong)p:x}; later ones at this cast are counted in the summary"));
        }
        Interlocked.Increment(ref *seen.Count);
        recent.Counters[slot] = seen;
    }

    // The count of unknown storage at a cast site for a cause, made (at zero) when there is none yet: a reused verdict's cell.
    // Only without notes (verbosity 0): the first unknown of each is noted at verbosity 1, which a reuse would skip.
    private long* UnknownCell(CastSite* site, UnknownCause cause) =>
        unknownCounts.GetOrAdd(((nint)site, cause), k => new UnknownCounter(k.Site, k.Cause)).Count;

    /// <summary>Writes this thread's pending report (see <see cref="Check(nuint, CastSite*, ReadOnlySpan{nuint}, out CacheFact?, bool)"/>) with
    /// <paramref name="frames"/>; nothing when none is pending.</summary>
    public void WritePendingReport(ReadOnlySpan<nuint> frames)
    {
        if (pendingDamage is { } d)
        {
            pendingDamage = null;
            WriteDamage(d, frames);
        }
        if (pending is not { } f)
            return;
        pending = null;
        WriteReport(f, frames);
    }

    /// <summary>Adds checks a thread's cache answered.</summary>
    public void AddCacheHits(ulong hits) => Counters.AddCacheHits(hits);

    /// <summary>Prints the exit summary, once, when a failure was reported or print_summary=1.</summary>
    public void AtExit()
    {
        bool reported;
        lock (gate)
            reported = order.Exists(d => !d.Suppressed) || damagedChunks.Count > 0;
        if (reported || options.PrintSummary)
            PrintSummaryOnce();
        if (host.InternalErrors is var errors and > 0)
            writer.WriteNote($"{errors} internal error{(errors == 1 ? "" : "s")} answered \"unknown\" (the first is printed above)");
    }

    /// <summary>
    /// In a fork's child, at the runtime's first entry there (CheckRuntime, through shim_api.h's fork_generation): the child's
    /// summary counts what it does from now on and its reports go to its own log; a report the parent wrote is written again by
    /// the child that meets it. This session's locks and collections are replaced, never waited for or cleared in place: a
    /// thread of the parent may have held or been changing them at the fork, and it does not exist here.
    /// </summary>
    public void AfterFork()
    {
        gate = new Lock();
        writer.AfterFork();
        distinct = [];
        order = [];
        unknownCounts = new();
        damagedChunks = [];
        pending = null;
        pendingDamage = null;
        epoch++;   // every thread's recent unknown counters, not only this one's
        summaryPrinted = 0;
        Counters.Reset();
        host.ForgetInternalErrorsAfterFork();
    }

    /// <summary>The counters and the distinct reports (suppressed ones left out), in first-seen order.</summary>
    public CheckSummary Summary()
    {
        List<DistinctReport> reports, suppressed;
        int damaged;
        lock (gate)
        {
            reports = [.. order.Where(d => !d.Suppressed).Select(Distinct)];
            suppressed = [.. order.Where(d => d.Suppressed).Select(Distinct)];
            damaged = damagedChunks.Count;
        }
        // One read of each total, begun derived from them: threads still checking must not make the line disagree with itself.
        var c = Counters;
        var (passed, viaCache, failed, unknown, suppressedCount) = (c.Passed, c.PassedViaCache, c.Failed, c.UnknownStorage, c.Suppressed);
        // A reused verdict's counter may still be at zero.
        var counts = unknownCounts.Values.Select(u => (u.Site, u.Cause, Count: Interlocked.Read(ref *u.Count))).Where(u => u.Count > 0).ToList();
        // Checks the C layer passed unanswered name no cast site (it could not ask which one without the runtime).
        var inC = UnknownCauses.CountedByCLayer.Select((cause, i) => (Site: (nint)0, Cause: cause, Count: host.UnansweredInC(i))).Where(u => u.Count > 0).ToList();
        unknown += inC.Sum(u => u.Count);
        counts.AddRange(inC);
        return new CheckSummary(passed + failed + unknown, passed, viaCache, failed, unknown, Math.Min(suppressedCount, failed), reports, suppressed)
        {
            TypingsInferred = c.TypingsInferred,
            DamagedChunks = damaged,
            ProcessId = host.ProcessId,
            Program = Environment.ProcessPath,
            UnknownCauses = [.. UnknownCauses.All.Select(k => new UnknownCauseCount(UnknownCauses.NameOf(k), counts.Where(c => c.Cause == k).Sum(c => c.Count)))
                .Where(k => k.Count > 0)],
            // A cast site's cause is the one it met most often.
            UnknownSites = [.. counts.Where(c => c.Site != 0).GroupBy(c => c.Site)
                .Select(g => (Site: g.Key, Cause: g.MaxBy(c => c.Count).Cause, Count: g.Sum(c => c.Count)))
                .OrderByDescending(s => s.Count).ThenBy(s => s.Site).Take(CheckSummary.TopUnknownSites)
                .Select(s => new UnknownStorageSite(ReportBuilder.LocationOf((CastSite*)s.Site), UnknownCauses.NameOf(s.Cause), s.Count))],
        };

        static DistinctReport Distinct(Distinct d) => new(d.Location, d.Check, d.Expected, Interlocked.Read(ref *d.Count))
        {
            Allocation = d.Allocation,
        };
    }

    // Counts a failure; writes its report when it is the first of its kind, or (deferReport)
    // keeps it pending and returns true. `count`: the failures of its kind.
    private bool Failed(CastFailure f, ReadOnlySpan<nuint> frames, bool deferReport, out long* count)
    {
        var a = f.Allocation;
        var key = new DedupKey(f.Site, a.Site != 0 ? a.Site : (nint)a.Base, (nint)ReportBuilder.RootElement((Uniqtype*)a.Type), f.Subobject,
            a.FreedBy != 0);
        Distinct? first = null;
        Distinct? entry;
        lock (gate)
            distinct.TryGetValue(key, out entry);
        if (entry is null)
        {
            // The first of its kind: described (symbolising its allocation's caller) outside the lock, then added unless
            // another thread added it meanwhile.
            var site = (CastSite*)f.Site;
            var suppressed = suppressions.Match(ReportBuilder.SubjectOf(f)) is not null;
            var allocation = builder.AllocationOf(f);
            lock (gate)
            {
                if (!distinct.TryGetValue(key, out entry))
                {
                    entry = first = new Distinct(ReportBuilder.LocationOf(site), CheckKinds.NameOf(site->kind),
                        ReportBuilder.ExpectedTypeOf(site), suppressed, Counters.NewFailureCell(suppressed))
                    {
                        Allocation = allocation,
                    };
                    distinct[key] = entry;
                    order.Add(entry);
                }
            }
        }
        count = entry.Count;
        Interlocked.Increment(ref *entry.Count);
        if (entry.Suppressed)
            return false;
        if (first is null)
            return false;
        if (deferReport)
        {
            pending = f;
            return true;
        }
        WriteReport(f, frames);
        return false;
    }

    private void WriteReport(CastFailure f, ReadOnlySpan<nuint> frames)
    {
        writer.Write(builder.Build(f, frames, 1));
        if (options.HaltOnError)
        {
            PrintSummaryOnce();
            host.Exit(options.ExitCode);
        }
    }

    private void PrintSummaryOnce()
    {
        if (Interlocked.Exchange(ref summaryPrinted, 1) == 0)
            writer.WriteSummary(Summary());
    }

    // "typed the heap chunk", or "typed the pool chunk" for a suballocator's; for an inferred typing, the object inside it.
    private static string LazyTypingNote(nuint p, CastSite* site, Allocator? allocator, bool inferred)
    {
        var storage = allocator is null ? "heap" : StorageKinds.ReportName(allocator);
        var where = ReportBuilder.LocationOf(site).FileLineColumn;
        return inferred
            ? string.Create(CultureInfo.InvariantCulture,
                $"typed the object at 0x{(ulong)p:x}, in untyped {storage} memory, as '{CSpelling.Of(site->target)}' at a checked cast, {where}")
            : string.Create(CultureInfo.InvariantCulture,
                $"typed the {storage} chunk at 0x{(ulong)p:x} as '{CSpelling.Of(site->target)}' at its first checked cast, {where}");
    }

    private static string CheckNote(nuint p, CastSite* site, CheckResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{CheckKinds.NameOf(site->kind)} 0x{(ulong)p:x} to '{ReportBuilder.ExpectedTypeOf(site)}' at {ReportBuilder.LocationOf(site).FileLineColumn}: {ResultText(result)}");

    private static string ResultText(CheckResult r) => r switch
    {
        CheckResult.Passed => "passed",
        CheckResult.Failed => "failed",
        _ => "unknown storage",
    };
}
