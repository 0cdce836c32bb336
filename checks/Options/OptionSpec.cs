// One row of the option table: name, type, default, meaning.
namespace Liballocs.Checks.Options;

/// <summary>The kind of value an option takes.</summary>
public enum OptionType
{
    /// <summary>0 or 1 (also false/true).</summary>
    Flag,
    /// <summary>A decimal integer between <see cref="OptionSpec.Min"/> and <see cref="OptionSpec.Max"/>.</summary>
    Integer,
    /// <summary>Any text (a path).</summary>
    Text,
    /// <summary>One of <see cref="OptionSpec.Choices"/>.</summary>
    Choice,
}

/// <summary>One option: name, type, default (as text; "" for none), how help shows the default,
/// what it means, and the values it accepts.</summary>
public sealed record OptionSpec(string Name, OptionType Type, string Default, string Description,
    string? ShownDefault = null, IReadOnlyList<string>? Choices = null, long Min = 0, long Max = long.MaxValue)
{
    /// <summary>The default as help prints it.</summary>
    public string DefaultText => ShownDefault ?? Default;
}
