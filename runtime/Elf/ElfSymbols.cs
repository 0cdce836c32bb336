// Symbols and sections of one ELF file, read with ELFSharp.
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Liballocs.Runtime.Elf;

/// <summary>A function or data symbol: file virtual address, size in bytes (0 when the symbol
/// has none), name (with a version suffix such as <c>@GLIBC_2.2.5</c> where the table gives one), and whether it is a function.</summary>
public readonly record struct ElfSymbol(ulong Address, ulong Size, string Name, bool IsFunction)
{
    /// <summary>Bound globally or weakly (other objects can refer to it), not local to its object.</summary>
    public bool IsGlobal { get; init; }
}

/// <summary>An allocated section: file virtual address, size in bytes, name and flags.</summary>
public readonly record struct ElfSection(ulong Address, ulong Size, string Name, bool Writable, bool Executable, bool NoBits);

/// <summary>
/// The defined function and object symbols of an ELF file (from .symtab, or .dynsym when the
/// file is stripped), sorted by address, and its allocated sections. Read with ELFSharp.
/// </summary>
public sealed class ElfSymbols
{
    // st_info's symbol types (ELF gABI) of the symbols that name allocations.
    private const int SttObject = 1, SttFunc = 2, SttCommon = 5, SttGnuIfunc = 10;

    private ElfSymbols(ElfSymbol[] symbols, ElfSection[] sections)
    {
        Symbols = symbols;
        Sections = sections;
    }

    /// <summary>Symbols sorted by address.</summary>
    public ElfSymbol[] Symbols { get; }

    /// <summary>SHF_ALLOC sections sorted by address.</summary>
    public ElfSection[] Sections { get; }

    /// <summary>An empty table, for files that cannot be read.</summary>
    public static ElfSymbols Empty { get; } = new([], []);

    /// <summary>Reads <paramref name="path"/>; <see cref="Empty"/> when it cannot be opened or is not a 64-bit ELF file.</summary>
    public static ElfSymbols Read(string path)
    {
        if (Open(path) is not { } elf)
            return Empty;
        using (elf)
        {
            var sections = new List<ElfSection>();
            foreach (var section in elf.Sections)
            {
                if ((section.Flags & SectionFlags.Allocatable) != 0 && section.LoadAddress != 0)
                    sections.Add(new ElfSection(section.LoadAddress, section.Size, section.Name, (section.Flags & SectionFlags.Writable) != 0,
                        (section.Flags & SectionFlags.Executable) != 0, section.Type == SectionType.NoBits));
            }
            var tables = elf.GetSections<SymbolTable<ulong>>().ToList();
            var symtab = tables.Find(t => t.Type == SectionType.SymbolTable) ?? tables.Find(t => t.Type == SectionType.DynamicSymbolTable);
            var symbols = new List<ElfSymbol>();
            foreach (var e in symtab?.Entries ?? [])
            {
                var type = (int)e.Type;
                if (e.PointedSectionIndex == 0 || e.Value == 0 || type is not (SttObject or SttFunc or SttCommon or SttGnuIfunc))
                    continue;
                symbols.Add(new ElfSymbol(e.Value, e.Size, e.Name ?? "", type is SttFunc or SttGnuIfunc)
                {
                    IsGlobal = e.Binding is SymbolBinding.Global or SymbolBinding.Weak,
                });
            }
            // At one address the largest last: SymbolAt scans back from there, so it meets the largest first.
            symbols.Sort((a, b) => a.Address != b.Address ? a.Address.CompareTo(b.Address) : a.Size.CompareTo(b.Size));
            sections.Sort((a, b) => a.Address.CompareTo(b.Address));
            return new ElfSymbols([.. symbols], [.. sections]);
        }
    }

    /// <summary>Whether the ELF file at <paramref name="path"/> has a section named <paramref name="name"/>, or its
    /// <c>.z</c>-prefixed GNU-compressed twin (<c>.zdebug_line</c> for <c>.debug_line</c>); false when it cannot be read.</summary>
    public static bool HasSection(string path, string name)
    {
        if (Open(path) is not { } elf)
            return false;
        using (elf)
        {
            var zname = name.StartsWith('.') ? ".z" + name[1..] : name;
            return elf.Sections.Any(s => s.Name == name || s.Name == zname);
        }
    }

    private static ELF<ulong>? Open(string path)
    {
        try
        {
            return ELFReader.TryLoad<ulong>(path, out var elf) ? elf : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
            or InvalidOperationException or FormatException or EndOfStreamException)
        {
            return null;   // unreadable, or not an ELF file ELFSharp understands
        }
    }

    /// <summary>The global data (not function) symbol named <paramref name="name"/> of <paramref name="size"/> bytes, or null.</summary>
    public ElfSymbol? GlobalDataSymbolNamed(string name, ulong size)
    {
        foreach (var s in Symbols)
        {
            if (!s.IsFunction && s.IsGlobal && s.Size == size && (s.Name == name || s.Name.StartsWith(name + "@", StringComparison.Ordinal)))
                return s;
        }
        return null;
    }

    /// <summary>The symbol containing file address <paramref name="address"/> (the largest one when
    /// symbols overlap; a size-0 symbol only at its exact address), or null.</summary>
    public ElfSymbol? SymbolAt(ulong address)
    {
        // Symbols are sorted by address; scan back from the last one starting at or before it.
        int lo = 0, hi = Symbols.Length - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Symbols[mid].Address <= address)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        for (var i = last; i >= 0 && i > last - 64; i--)
        {
            var s = Symbols[i];
            if (address == s.Address || address - s.Address < s.Size)
                return s;
        }
        return null;
    }

    /// <summary>The allocated section containing file address <paramref name="address"/>, or null.</summary>
    public ElfSection? SectionAt(ulong address)
    {
        foreach (var s in Sections)
        {
            if (address >= s.Address && address - s.Address < Math.Max(s.Size, 1))
                return s;
        }
        return null;
    }
}
