// What a check session needs from the process it runs in, besides its memory and its symbols.
namespace Liballocs.Checks;

/// <summary>
/// The process around a <see cref="CheckSession"/>: the runtime implements it over libc and the C layer
/// (runtime/Checking/ProcessHost.cs); tests substitute their own. With <see cref="Semantics.IMemoryModel"/> (the allocations)
/// and <see cref="Reports.ISymbolizer"/> (the stack's names) it is all the checks know of the runtime.
/// </summary>
public interface ICheckHost
{
    /// <summary>The id of the calling process (getpid: in a fork's child, the child's own).</summary>
    int ProcessId { get; }

    /// <summary>The name of the static object (global, static variable or function) at <paramref name="address"/>, its
    /// first byte; null when none is known.</summary>
    string? StaticName(nuint address);

    /// <summary>Ends the process with <paramref name="status"/> as libc's exit does (atexit handlers run): halt_on_error.</summary>
    void Exit(int status);

    /// <summary>How many checks the C layer passed without asking the runtime for the cause at index <paramref name="cause"/>
    /// of <see cref="Semantics.UnknownCauses.CountedByCLayer"/>: part of the summary's unknown storage.</summary>
    long UnansweredInC(int cause);

    /// <summary>How many internal failures of the runtime answered "unknown" so far (the first was printed).</summary>
    int InternalErrors { get; }

    /// <summary>In a fork's child: starts <see cref="InternalErrors"/> again from 0.</summary>
    void ForgetInternalErrorsAfterFork();
}
