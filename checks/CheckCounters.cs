// How many checks ran and how they ended, for the exit summary. Thread-safe.
using System.Runtime.InteropServices;

namespace Liballocs.Checks;

/// <summary>
/// Check totals. Begun = passed + failed + unknown storage; passed includes the cache hits;
/// failed counts every failing check (repeats and suppressed ones included); suppressed is the
/// part of failed that rules silenced. Failures are counted per distinct report, in native
/// cells (<see cref="NewFailureCell"/>) that the C layer increments itself when it answers a
/// repeat without the runtime (check_slow.c), so the totals are their sums.
/// </summary>
public sealed unsafe class CheckCounters
{
    private long passed, passedViaCache;
    // Native cells, as the failure counts: the C layer adds the unknown-storage checks and inferred typings of verdicts it reuses.
    private long* unknownStorage = NewCell(), typingsInferred = NewCell();
    private Lock cellsGate = new();
    private List<(nint Cell, bool Suppressed)> cells = [];

    /// <summary>Checks begun.</summary>
    public long Begun => Passed + Failed + UnknownStorage;

    /// <summary>Checks passed (including those answered by the cache).</summary>
    public long Passed => Interlocked.Read(ref passed);

    /// <summary>Checks answered by the threads' caches.</summary>
    public long PassedViaCache => Interlocked.Read(ref passedViaCache);

    /// <summary>Checks failed, repeats and suppressed ones included.</summary>
    public long Failed => SumCells(suppressedOnly: false);

    /// <summary>Checks on memory with no type information.</summary>
    public long UnknownStorage => Interlocked.Read(ref *unknownStorage);

    /// <summary>The native cell behind <see cref="UnknownStorage"/>: a 64-bit count the C layer increments atomically per
    /// unknown-storage check it answers with a reused verdict. Replaced (not freed) by <see cref="Reset"/>.</summary>
    public long* UnknownStorageCell => unknownStorage;

    /// <summary>The native cell behind <see cref="TypingsInferred"/>, incremented atomically by the C layer per typing it
    /// records for a reused verdict. Replaced (not freed) by <see cref="Reset"/>.</summary>
    public long* TypingsInferredCell => typingsInferred;

    /// <summary>A zeroed 64-bit count in native memory that lives as long as the process (the C layer may keep its address).</summary>
    public static long* NewCell() => (long*)NativeMemory.AllocZeroed(sizeof(long));

    /// <summary>Failed checks a suppression rule matched.</summary>
    public long Suppressed => SumCells(suppressedOnly: true);

    /// <summary>A zeroed count of the failures of one distinct report (suppressed or not), in native memory that lives as long
    /// as the process: a 64-bit count to increment atomically per failing check, read into <see cref="Failed"/> and
    /// <see cref="Suppressed"/>.</summary>
    public long* NewFailureCell(bool suppressed)
    {
        var cell = NewCell();
        lock (cellsGate)
            cells.Add(((nint)cell, suppressed));
        return cell;
    }

    private long SumCells(bool suppressedOnly)
    {
        long sum = 0;
        lock (cellsGate)
        {
            foreach (var (cell, isSuppressed) in cells)
                if (isSuppressed || !suppressedOnly)
                    sum += Interlocked.Read(ref *(long*)cell);
        }
        return sum;
    }

    /// <summary>Inferred typings recorded: objects in untyped heap memory typed by casts (a first cast there, or one that
    /// disagreed with the typing before and re-typed the memory).</summary>
    public long TypingsInferred => Interlocked.Read(ref *typingsInferred);

    /// <summary>Zeroes every total: the failure cells are forgotten and the unknown-storage and typing cells replaced (their
    /// memory stays: the C layer may still hold them, and their counts no longer add up here). For a fork's child (CheckSession.AfterFork).</summary>
    public void Reset()
    {
        cellsGate = new Lock();
        cells = [];
        passed = passedViaCache = 0;
        unknownStorage = NewCell();
        typingsInferred = NewCell();
    }

    /// <summary>A check typed an object inside untyped heap memory.</summary>
    public void TypingInferred() => Interlocked.Increment(ref *typingsInferred);

    /// <summary>A slow-path check passed.</summary>
    public void Pass() => Interlocked.Increment(ref passed);

    /// <summary>A check landed in memory with no type information.</summary>
    public void Unknown() => Interlocked.Increment(ref *unknownStorage);

    /// <summary>Adds <paramref name="hits"/> checks a thread's cache answered (begun and passed).</summary>
    public void AddCacheHits(ulong hits)
    {
        var n = (long)Math.Min(hits, long.MaxValue);
        Interlocked.Add(ref passed, n);
        Interlocked.Add(ref passedViaCache, n);
    }
}
