// The process's memory mappings, from /proc/self/maps.
using System.Globalization;

namespace Liballocs.Runtime.Memory;

/// <summary>
/// A cached, sorted copy of /proc/self/maps. An address no cached mapping contains makes it
/// re-read the file (mappings come and go), so a wild pointer costs a re-read but is answered
/// correctly. Thread-safe.
/// </summary>
public sealed class ProcMaps
{
    private readonly Lock gate = new();
    private Mapping[] mappings = [];

    /// <summary>Below this no process maps anything (Linux's default vm.mmap_min_addr, 64 KiB).</summary>
    public const ulong LowestMappable = 0x10000;

    /// <summary>At and above this no user-space mapping can lie: kernel and non-canonical addresses
    /// (x86-64 user space ends at 2^47, or 2^56 with five-level paging).</summary>
    public const ulong UserSpaceEnd = 1UL << 56;

    /// <summary>True for addresses no mapping of this process can contain (small integers, -1,
    /// kernel addresses): they are answered without reading the file.</summary>
    public static bool NeverMapped(nuint address) => address < LowestMappable || address >= UserSpaceEnd;

    /// <summary>The mapping containing <paramref name="address"/>, or null when it is unmapped.</summary>
    public Mapping? Find(nuint address)
    {
        if (NeverMapped(address))
            return null; // e.g. SQLITE_TRANSIENT, (void *)-1: a re-read per query would cost 20 µs
        lock (gate)
        {
            var found = Search(mappings, address);
            if (found is null)
            {
                mappings = Read();
                found = Search(mappings, address);
            }
            return found;
        }
    }

    /// <summary>The current mappings, in address order (re-read now).</summary>
    public Mapping[] All()
    {
        lock (gate)
            return mappings = Read();
    }

    /// <summary>True when [address, address + length) lies in readable mappings, so the runtime
    /// may read it without faulting.</summary>
    public bool IsReadable(nuint address, ulong length)
    {
        var end = address + (nuint)length;
        if (end < address)
            return false;   // wraps past the top of the address space
        while (address < end)
        {
            if (Find(address) is not { Readable: true } m)
                return false;
            address = m.End;
        }
        return true;
    }

    private static Mapping? Search(Mapping[] sorted, nuint address)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = sorted[mid];
            if (address < m.Start)
                hi = mid - 1;
            else if (address >= m.End)
                lo = mid + 1;
            else
                return m;
        }
        return null;
    }

    /// <summary>Parses /proc/self/maps; lines look like
    /// <c>7f12e000-7f12f000 r-xp 00001000 08:01 1234   /usr/lib/libc.so.6</c>.</summary>
    public static Mapping[] Read()
    {
        var result = new List<Mapping>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            if (Parse(line) is { } m)
                result.Add(m);
        }
        return [.. result];
    }

    /// <summary>Parses one maps line; null when it is malformed.</summary>
    public static Mapping? Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5)
            return null;
        var range = fields[0].Split('-');
        if (range.Length != 2
            || !ulong.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || !ulong.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var offset))
            return null;
        var path = fields.Length == 6 ? fields[5].Trim() : "";
        return new Mapping((nuint)start, (nuint)end, fields[1], offset, path);
    }
}
