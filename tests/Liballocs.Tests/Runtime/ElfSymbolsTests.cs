using Liballocs.Runtime.Elf;

namespace Liballocs.Tests.Runtime;

public class ElfSymbolsTests
{
    private static string LibcPath =>
        LoadedObjects.Enumerate().Select(o => o.Path).First(p => Path.GetFileName(p) == "libc.so.6");

    [Fact]
    public void Libc_dynamic_symbols_include_functions_with_sizes()
    {
        var elf = ElfSymbols.Read(LibcPath);
        var malloc = elf.Symbols.First(s => s.Name == "malloc");
        Assert.True(malloc.IsFunction);
        Assert.True(malloc.Size > 0);
        // An interior address resolves to malloc or one of its aliases at the same address.
        Assert.Equal(malloc.Address, elf.SymbolAt(malloc.Address + 1)?.Address);
    }

    [Fact]
    public void Sections_include_text_and_rodata_with_their_flags()
    {
        var elf = ElfSymbols.Read(LibcPath);
        var text = elf.Sections.First(s => s.Name == ".text");
        Assert.True(text.Executable);
        Assert.False(text.Writable);
        var rodata = elf.Sections.First(s => s.Name == ".rodata");
        Assert.False(rodata.Executable);
        Assert.Equal(".rodata", elf.SectionAt(rodata.Address + 1)?.Name);
    }

    [Fact]
    public void A_file_that_is_not_elf_reads_as_empty()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ELF file");
            Assert.Empty(ElfSymbols.Read(path).Symbols);
            Assert.Empty(ElfSymbols.Read(path + ".missing").Symbols);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loaded_objects_include_libc_with_an_executable_segment()
    {
        var libc = LoadedObjects.Enumerate().First(o => Path.GetFileName(o.Path) == "libc.so.6");
        Assert.Contains(libc.Segments, s => s.Executable && s.End > s.Start);
    }
}
