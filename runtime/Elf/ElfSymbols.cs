// Symbols and sections of one ELF file, read with libelf.
using System.Runtime.InteropServices;
using static Liballocs.Runtime.Elf.LibElf;

namespace Liballocs.Runtime.Elf;

/// <summary>A function or data symbol: file virtual address, size in bytes (0 when the symbol
/// has none), name, and whether it is a function.</summary>
public readonly record struct ElfSymbol(ulong Address, ulong Size, string Name, bool IsFunction);

/// <summary>An allocated section: file virtual address, size in bytes, name and flags.</summary>
public readonly record struct ElfSection(ulong Address, ulong Size, string Name, bool Writable, bool Executable, bool NoBits);

/// <summary>
/// The defined function and object symbols of an ELF file (from .symtab, or .dynsym when the
/// file is stripped), sorted by address, and its allocated sections.
/// </summary>
public sealed unsafe class ElfSymbols
{
    private static readonly Lazy<bool> LibElfReady = new(() => elf_version(EV_CURRENT) != 0);

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

    /// <summary>Reads <paramref name="path"/>; <see cref="Empty"/> when it cannot be opened or is not ELF.</summary>
    public static ElfSymbols Read(string path)
    {
        if (!LibElfReady.Value)
            return Empty;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
        using (handle)
        {
            var elf = elf_begin((int)handle.DangerousGetHandle(), ELF_C_READ_MMAP, 0);
            if (elf == 0)
                return Empty;
            try
            {
                return ReadOpen(elf);
            }
            finally
            {
                elf_end(elf);
            }
        }
    }

    /// <summary>Whether the open ELF handle <paramref name="elf"/> (a libelf <c>Elf *</c>, e.g. libdw's of a module) has a
    /// section named <paramref name="name"/>, or its <c>.z</c>-prefixed GNU-compressed twin (<c>.zdebug_line</c> for
    /// <c>.debug_line</c>); false when its section headers cannot be read.</summary>
    public static bool HasSection(nint elf, string name)
    {
        nuint shstrndx;
        if (elf_getshdrstrndx(elf, &shstrndx) != 0)
            return false;
        var zname = name.StartsWith('.') ? ".z" + name[1..] : name;
        for (nint scn = elf_nextscn(elf, 0); scn != 0; scn = elf_nextscn(elf, scn))
        {
            GElf_Shdr shdr;
            if (gelf_getshdr(scn, &shdr) == null)
                continue;
            var section = Marshal.PtrToStringUTF8((nint)elf_strptr(elf, shstrndx, shdr.sh_name));
            if (section == name || section == zname)
                return true;
        }
        return false;
    }

    private static ElfSymbols ReadOpen(nint elf)
    {
        nuint shstrndx;
        if (elf_getshdrstrndx(elf, &shstrndx) != 0)
            return Empty;
        var sections = new List<ElfSection>();
        var symtab = new List<ElfSymbol>();
        var dynsym = new List<ElfSymbol>();
        for (nint scn = elf_nextscn(elf, 0); scn != 0; scn = elf_nextscn(elf, scn))
        {
            GElf_Shdr shdr;
            if (gelf_getshdr(scn, &shdr) == null)
                continue;
            if ((shdr.sh_flags & SHF_ALLOC) != 0 && shdr.sh_addr != 0)
            {
                var name = Marshal.PtrToStringUTF8((nint)elf_strptr(elf, shstrndx, shdr.sh_name)) ?? "";
                sections.Add(new ElfSection(shdr.sh_addr, shdr.sh_size, name, (shdr.sh_flags & SHF_WRITE) != 0,
                    (shdr.sh_flags & SHF_EXECINSTR) != 0, shdr.sh_type == SHT_NOBITS));
            }
            if (shdr.sh_type == SHT_SYMTAB)
                ReadSymbols(elf, scn, shdr, symtab);
            else if (shdr.sh_type == SHT_DYNSYM)
                ReadSymbols(elf, scn, shdr, dynsym);
        }
        var symbols = symtab.Count > 0 ? symtab : dynsym;
        symbols.Sort((a, b) => a.Address != b.Address ? a.Address.CompareTo(b.Address) : b.Size.CompareTo(a.Size));
        sections.Sort((a, b) => a.Address.CompareTo(b.Address));
        return new ElfSymbols([.. symbols], [.. sections]);
    }

    private static void ReadSymbols(nint elf, nint scn, GElf_Shdr shdr, List<ElfSymbol> into)
    {
        var data = elf_getdata(scn, null);
        if (data == null || shdr.sh_entsize == 0)
            return;
        var count = (int)(shdr.sh_size / shdr.sh_entsize);
        for (var i = 1; i < count; i++)
        {
            GElf_Sym sym;
            if (gelf_getsym(data, i, &sym) == null || sym.st_shndx == SHN_UNDEF || sym.st_value == 0)
                continue;
            var type = (byte)(sym.st_info & 0xf);
            if (type is not (STT_FUNC or STT_OBJECT or STT_COMMON or STT_GNU_IFUNC))
                continue;
            var name = Marshal.PtrToStringUTF8((nint)elf_strptr(elf, shdr.sh_link, sym.st_name)) ?? "";
            into.Add(new ElfSymbol(sym.st_value, sym.st_size, name, type is STT_FUNC or STT_GNU_IFUNC));
        }
    }

    /// <summary>The data (not function) symbol named <paramref name="name"/> of <paramref name="size"/> bytes, or null.</summary>
    public ElfSymbol? DataSymbolNamed(string name, ulong size)
    {
        foreach (var s in Symbols)
        {
            if (!s.IsFunction && s.Size == size && s.Name == name)
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
