// One suppression rule and the field it matches.
namespace Liballocs.Checks.Suppressions;

/// <summary>What a rule matches against.</summary>
public enum SuppressionField
{
    /// <summary>check:KIND, the check kind's name.</summary>
    Check,
    /// <summary>type:TYPE, the expected type as C spells it.</summary>
    Type,
    /// <summary>function:NAME, the function containing the cast.</summary>
    Function,
    /// <summary>file:PATH, the source file of the cast.</summary>
    File,
    /// <summary>alloc_site:FILE:LINE, the allocation site.</summary>
    AllocSite,
    /// <summary>cast:FILE:LINE, the cast itself (one triaged report).</summary>
    Cast,
}

/// <summary>One rule: its field, glob and line in the file.</summary>
public sealed record SuppressionRule(SuppressionField Field, string Pattern, int Line);
