// The process as the checks see it: libc, the C layer's counters, the runtime's own failures.
using Liballocs.Checks;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Checking;

/// <summary>
/// <see cref="ICheckHost"/> for the process liballocs_rt.so runs in: getpid and exit from libc, static objects named by the
/// instrumented units' descriptors (<paramref name="tus"/>) or else by <paramref name="symbolizer"/>'s symbol tables, the
/// C layer's unanswered checks through the shim (<see cref="Shim.ChecksUnanswered"/>), and <see cref="RuntimeErrors"/>.
/// </summary>
public sealed unsafe class ProcessHost(TuMetadata tus, Symbolizer symbolizer) : ICheckHost
{
    /// <inheritdoc/>
    public int ProcessId => LibC.getpid();   // Environment.ProcessId is the parent's in a fork's child (.NET reads it once)

    /// <inheritdoc/>
    public string? StaticName(nuint address)
    {
        var desc = tus.StaticAt(address);
        return desc != null && desc->name != null ? NativeReading.Utf8(desc->name) : symbolizer.SymbolAt(address);
    }

    /// <inheritdoc/>
    public void Exit(int status)
    {
        Shim.CheckAbandoned();   // the exit starts inside a check: atexit handlers and destructors may still query and check
        LibC.exit(status);
    }

    /// <inheritdoc/>
    public long UnansweredInC(int cause) => Shim.ChecksUnanswered(cause);

    /// <inheritdoc/>
    public int InternalErrors => RuntimeErrors.Count;

    /// <inheritdoc/>
    public void ForgetInternalErrorsAfterFork() => RuntimeErrors.ForgetAfterFork();
}
