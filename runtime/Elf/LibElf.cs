// P/Invoke bindings of the parts of elfutils' libelf (libelf.so.1) we use, with C names.
using System.Runtime.InteropServices;

namespace Liballocs.Runtime.Elf;

/// <summary>Raw libelf entry points (elfutils 0.188). Handles are opaque pointers.</summary>
internal static unsafe partial class LibElf
{
    private const string Lib = "libelf.so.1";

    public const uint EV_CURRENT = 1;
    public const int ELF_C_READ_MMAP = 8;
    public const uint SHT_SYMTAB = 2, SHT_DYNSYM = 11, SHT_NOBITS = 8;
    public const ulong SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4;
    public const byte STT_OBJECT = 1, STT_FUNC = 2, STT_COMMON = 5, STT_GNU_IFUNC = 10;
    public const ushort SHN_UNDEF = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct GElf_Shdr
    {
        public uint sh_name, sh_type;
        public ulong sh_flags, sh_addr, sh_offset, sh_size;
        public uint sh_link, sh_info;
        public ulong sh_addralign, sh_entsize;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct GElf_Sym
    {
        public uint st_name;
        public byte st_info, st_other;
        public ushort st_shndx;
        public ulong st_value, st_size;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Elf_Data
    {
        public void* d_buf;
        public int d_type;
        public uint d_version;
        public nuint d_size;
        public long d_off;
        public nuint d_align;
    }

    [LibraryImport(Lib)] public static partial uint elf_version(uint version);
    [LibraryImport(Lib)] public static partial nint elf_begin(int fd, int cmd, nint reference);
    [LibraryImport(Lib)] public static partial int elf_end(nint elf);
    [LibraryImport(Lib)] public static partial nint elf_nextscn(nint elf, nint scn);
    [LibraryImport(Lib)] public static partial GElf_Shdr* gelf_getshdr(nint scn, GElf_Shdr* dst);
    [LibraryImport(Lib)] public static partial Elf_Data* elf_getdata(nint scn, Elf_Data* data);
    [LibraryImport(Lib)] public static partial GElf_Sym* gelf_getsym(Elf_Data* data, int index, GElf_Sym* dst);
    [LibraryImport(Lib)] public static partial byte* elf_strptr(nint elf, nuint section, nuint offset);
    [LibraryImport(Lib)] public static partial int elf_getshdrstrndx(nint elf, nuint* dst);
}
