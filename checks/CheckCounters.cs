// How many checks ran and how they ended, for the exit summary. Thread-safe.
namespace Liballocs.Checks;

/// <summary>
/// Check totals. Begun = slow-path checks + cache hits = passed + failed + unknown storage;
/// passed includes the cache hits; failed counts every failing check (repeats and suppressed
/// ones included); suppressed is the part of failed that rules silenced.
/// </summary>
public sealed class CheckCounters
{
    private long begun, passed, passedViaCache, failed, unknownStorage, suppressed, typingsInferred;

    /// <summary>Checks begun.</summary>
    public long Begun => Interlocked.Read(ref begun);

    /// <summary>Checks passed (including those answered by the cache).</summary>
    public long Passed => Interlocked.Read(ref passed);

    /// <summary>Checks answered by the threads' caches.</summary>
    public long PassedViaCache => Interlocked.Read(ref passedViaCache);

    /// <summary>Checks failed, repeats and suppressed ones included.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Checks on memory with no type information.</summary>
    public long UnknownStorage => Interlocked.Read(ref unknownStorage);

    /// <summary>Failed checks a suppression rule matched.</summary>
    public long Suppressed => Interlocked.Read(ref suppressed);

    /// <summary>Inferred typings recorded: objects in untyped heap memory typed by casts (a first cast there, or one that
    /// disagreed with the typing before and re-typed the memory).</summary>
    public long TypingsInferred => Interlocked.Read(ref typingsInferred);

    /// <summary>A check typed an object inside untyped heap memory.</summary>
    public void TypingInferred() => Interlocked.Increment(ref typingsInferred);

    /// <summary>A slow-path check began.</summary>
    public void Begin() => Interlocked.Increment(ref begun);

    /// <summary>A slow-path check passed.</summary>
    public void Pass() => Interlocked.Increment(ref passed);

    /// <summary>A check failed.</summary>
    public void Fail() => Interlocked.Increment(ref failed);

    /// <summary>A check landed in memory with no type information.</summary>
    public void Unknown() => Interlocked.Increment(ref unknownStorage);

    /// <summary>A failed check was suppressed.</summary>
    public void Suppress() => Interlocked.Increment(ref suppressed);

    /// <summary>Adds <paramref name="hits"/> checks a thread's cache answered (begun and passed).</summary>
    public void AddCacheHits(ulong hits)
    {
        var n = (long)Math.Min(hits, long.MaxValue);
        Interlocked.Add(ref begun, n);
        Interlocked.Add(ref passed, n);
        Interlocked.Add(ref passedViaCache, n);
    }
}
