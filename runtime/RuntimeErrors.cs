// What happens to a failure inside the runtime: the program goes on, the user hears once.
namespace Liballocs.Runtime;

/// <summary>
/// Exceptions must never cross into C. A query or check that fails answers "unknown"; the first
/// failure is printed on stderr with what the runtime was doing (the check's cast site and address,
/// the query's address) and its stack, so a runtime defect is never silent; later ones are counted
/// and the count is noted at exit.
/// </summary>
public static class RuntimeErrors
{
    private static int count;

    /// <summary>Number of internal failures so far.</summary>
    public static int Count => Volatile.Read(ref count);

    /// <summary>Records <paramref name="e"/>, which happened while <paramref name="doing"/> (e.g. "checking the cast at
    /// a.c:3:7 on 0x1234"); prints it the first time.</summary>
    public static void Report(Exception e, string doing)
    {
        if (Interlocked.Increment(ref count) != 1)
            return;
        var stack = e.StackTrace is { } trace ? "\n    " + trace.ReplaceLineEndings("\n    ").TrimEnd() : "";
        StandardError.WriteLine($"liballocs: internal error while {doing}, answering \"unknown\": {e.GetType().Name}: {e.Message}{stack}");
    }

    /// <summary>Starts the count again, in a fork's child: its exit note must count its own failures, the first printed.</summary>
    public static void ForgetAfterFork() => Volatile.Write(ref count, 0);
}
