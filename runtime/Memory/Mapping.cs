// One line of /proc/self/maps.
namespace Liballocs.Runtime.Memory;

/// <summary>A memory mapping [Start, End) with its permissions ("r-xp") and path
/// ("" for anonymous memory, "[heap]", "[stack]", or a file).</summary>
public readonly record struct Mapping(nuint Start, nuint End, string Permissions, ulong FileOffset, string Path)
{
    /// <summary>True when the mapping can be read.</summary>
    public bool Readable => Permissions.Length > 0 && Permissions[0] == 'r';

    /// <summary>Size in bytes.</summary>
    public ulong Size => End - Start;

    /// <summary>True when <paramref name="address"/> is in [Start, End).</summary>
    public bool Contains(nuint address) => address >= Start && address < End;
}
