// What happens to a failure inside the runtime: the program goes on, the user hears once.
namespace Liballocs.Runtime;

/// <summary>
/// Exceptions must never cross into C. A query that fails answers "unknown"; the first failure
/// is reported on stderr so a runtime defect is not silent, later ones are counted.
/// </summary>
public static class RuntimeErrors
{
    private static int count;

    /// <summary>Number of internal failures so far.</summary>
    public static int Count => Volatile.Read(ref count);

    /// <summary>Records <paramref name="e"/>; prints it the first time.</summary>
    public static void Report(Exception e)
    {
        if (Interlocked.Increment(ref count) == 1)
            Console.Error.WriteLine($"liballocs: internal error, answering \"unknown\": {e.GetType().Name}: {e.Message}");
    }
}
