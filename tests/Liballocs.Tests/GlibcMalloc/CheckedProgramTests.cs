// The C layer over glibc's allocator built standalone: the interposers forward to the next malloc in lookup order
// (libglibc_malloc.so, preloaded after libliballocs.so), and the heap regions it reports make the mapping level exact;
// an allocator of another layout found there is bypassed.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.GlibcMalloc;

public class CheckedProgramTests
{
    private static readonly Lazy<ProcessResult> Output = new(BuildAndRun);

    private static ProcessResult BuildAndRun()
    {
        var glibcMalloc = Path.Combine(Repo.Lib, "libglibc_malloc.so");
        Assert.True(File.Exists(glibcMalloc), $"{glibcMalloc} is missing: run bin/liballocs glibc-malloc (bin/test does)");
        var output = Path.Combine(Repo.Root, "artifacts", "test-bin", "heap_regions");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var source = Path.Combine(Repo.Root, "tests", "Liballocs.Tests", "GlibcMalloc", "heap_regions.c");
        var cc = Processes.Run("gcc", ["-std=gnu11", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-I", Repo.Include,
            "-o", output, source, "-L", Repo.Lib, "-lliballocs", "-Wl,-rpath," + Repo.Lib]);
        Assert.True(cc.ExitCode == 0, cc.All);
        var run = Processes.Run(output, [], environment: new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = Path.Combine(Repo.Lib, "libliballocs.so") + " " + glibcMalloc,
            ["LIBALLOCS_OPTIONS"] = "color=never",
        });
        Assert.True(run.ExitCode == 0, run.All);
        return run;
    }

    private static string Value(string name) =>
        Output.Value.Stdout.Split('\n').SingleOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..]
            ?? throw new Xunit.Sdk.XunitException($"no line '{name}' in:\n{Output.Value.All}");

    [Fact]
    public void Each_large_chunk_is_exactly_its_own_mapping_where_the_kernel_merged_it_with_its_neighbours()
    {
        // /proc/self/maps, which answers without the region hook, shows them merged with their neighbours.
        Assert.True(int.Parse(Value("merged in maps")) > 0, "no mapping merged with its neighbour: " + Output.Value.All);
        for (var i = 0; i < 8; i++)
        {
            // glibc puts a mapped chunk's 16-byte header at its mapping's start; the mapping holds 1 MiB, the trailer and the
            // header, in whole pages.
            Assert.Equal("mmap base=-16 size=1052672", Value($"large {i}"));
        }
    }

    [Fact]
    public void An_allocator_without_glibcs_chunk_layout_after_the_C_layer_is_bypassed_and_chunks_stay_tracked()
    {
        var dir = Path.Combine(Repo.Root, "artifacts", "test-bin");
        Directory.CreateDirectory(dir);
        var here = Path.Combine(Repo.Root, "tests", "Liballocs.Tests", "GlibcMalloc");
        var foreign = Path.Combine(dir, "libforeign_allocator.so");
        var lib = Processes.Run("gcc", ["-shared", "-fPIC", "-O1", "-o", foreign, Path.Combine(here, "foreign_allocator.c")]);
        Assert.True(lib.ExitCode == 0, lib.All);
        var program = Path.Combine(dir, "bypass");
        var cc = Processes.Run("gcc", ["-std=gnu11", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-I", Repo.Include, "-o", program,
            Path.Combine(here, "bypass.c"), "-L", Repo.Lib, "-lliballocs", "-ldl", "-Wl,-rpath," + Repo.Lib]);
        Assert.True(cc.ExitCode == 0, cc.All);
        var run = Processes.Run(program, [], environment: new Dictionary<string, string?>
        {
            ["LD_PRELOAD"] = Path.Combine(Repo.Lib, "libliballocs.so") + " " + foreign,
        });
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("foreign allocator loaded: yes", run.Stdout);
        Assert.Contains("foreign allocator calls: 0", run.Stdout);
        Assert.Contains("chunk allocator: malloc", run.Stdout);
        Assert.Contains("chunk size: 74", run.Stdout);
    }
}
