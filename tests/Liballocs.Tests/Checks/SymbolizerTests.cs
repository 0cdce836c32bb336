using System.Runtime.InteropServices;
using Liballocs.Checks.Reports;
using Liballocs.Runtime.Checking;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Source_lines_from_a_separate_debug_file_only_when_asked(bool linesFromSeparateDebugInfo)
    {
        var dir = Directory.CreateTempSubdirectory("liballocs-symbolizer-");
        try
        {
            var source = Path.Combine(dir.FullName, "split.c");
            File.WriteAllText(source, "int split_function(int x)\n{\n\treturn x * 5 + 2;\n}\n");
            var library = Path.Combine(dir.FullName, "libsplit.so");
            var debug = library + ".debug";
            // As Debian's -dbgsym packages ship a library: its DWARF moved to a file the .gnu_debuglink names, symbols kept.
            foreach (var (tool, arguments) in new (string, string[])[]
            {
                ("gcc", ["-g", "-O0", "-shared", "-fPIC", "-o", library, source]),
                ("objcopy", ["--only-keep-debug", library, debug]),
                ("objcopy", ["--strip-debug", "--add-gnu-debuglink=" + debug, library]),
            })
            {
                var run = Processes.Run(tool, arguments);
                Assert.True(run.ExitCode == 0, tool + ": " + run.All);
            }

            var split = (nuint)NativeLibrary.GetExport(NativeLibrary.Load(library), "split_function");
            var frame = new Symbolizer(linesFromSeparateDebugInfo).Frame(split + 8, isReturnAddress: true);
            Assert.Equal("split_function", frame.Function);
            Assert.Equal(library, frame.Object);
            if (linesFromSeparateDebugInfo)
            {
                Assert.EndsWith("split.c", frame.File);
                Assert.InRange(frame.Line, 1u, 3u);
            }
            else
            {
                Assert.Null(frame.File);
                Assert.Equal(0u, frame.Line);
            }
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
