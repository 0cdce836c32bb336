using System.Runtime.InteropServices;
using Liballocs.Checks.Reports;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Checks;

/// <summary>In-process symbolisation with libdw, against this test process.</summary>
public class SymbolizerTests
{
    [Fact]
    public void A_libc_function_is_named_without_its_symbol_version_with_object_and_offset()
    {
        var qsort = (nuint)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "qsort");
        var frame = new Symbolizer().Frame(qsort + 1, isReturnAddress: true);
        Assert.Equal("qsort", frame.Function);
        Assert.Contains("libc.so.6", frame.Object);
        Assert.Equal(qsort + 1, frame.Address);
        Assert.Equal("qsort", new Symbolizer().SymbolAt(qsort));
    }

    [Fact]
    public void A_library_loaded_after_the_first_lookup_is_found_with_its_source_lines()
    {
        var dir = Directory.CreateTempSubdirectory("liballocs-symbolizer-");
        try
        {
            var source = Path.Combine(dir.FullName, "probe.c");
            File.WriteAllText(source, "int probe_function(int x)\n{\n\treturn x * 3 + 1;\n}\n");
            var library = Path.Combine(dir.FullName, "libprobe.so");
            var cc = Processes.Run("gcc", ["-g", "-O0", "-shared", "-fPIC", "-o", library, source]);
            Assert.True(cc.ExitCode == 0, cc.All);

            var symbolizer = new Symbolizer();
            symbolizer.Frame((nuint)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "qsort"), false);
            var probe = (nuint)NativeLibrary.GetExport(NativeLibrary.Load(library), "probe_function");
            var frame = symbolizer.Frame(probe + 8, isReturnAddress: true);
            Assert.Equal("probe_function", frame.Function);
            Assert.EndsWith("probe.c", frame.File);
            Assert.InRange(frame.Line, 1u, 3u);
            Assert.Equal(library, frame.Object);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_address_in_no_module_has_neither_function_nor_object()
    {
        var frame = new Symbolizer().Frame(0x10, isReturnAddress: false);
        Assert.Null(frame.Function);
        Assert.Null(frame.Object);
        Assert.Equal("0x10 (<unknown module>)", TextReportFormatter.Frame(frame));
    }
}
