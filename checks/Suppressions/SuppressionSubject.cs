// What suppression rules see of a failed check.
namespace Liballocs.Checks.Suppressions;

/// <summary>What a report offers to the rules: the check kind's name, the expected type, the
/// cast's function and file, the allocation site as "file:line" (null when unknown), and the cast
/// as "file:line".</summary>
public sealed record SuppressionSubject(string Check, string ExpectedType, string? Function, string? File, string? AllocSite,
    string? Cast = null);
