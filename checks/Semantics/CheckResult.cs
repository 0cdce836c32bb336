// The three answers of a slow-path check.
namespace Liballocs.Checks.Semantics;

/// <summary>The answer of <c>__liballocs_rt_check</c> (shim_api.h).</summary>
public enum CheckResult
{
    /// <summary>The check passed.</summary>
    Passed = 0,
    /// <summary>The check failed (reported, repeated or suppressed).</summary>
    Failed = 1,
    /// <summary>The memory has no type information: passed, counted apart.</summary>
    UnknownStorage = 2,
    /// <summary>The check failed and a new report waits for the caller's stack
    /// (<c>__liballocs_rt_report_pending</c>): stacks are captured only for reports.</summary>
    ReportPending = 3,
}
