// Suballocated chunks and allocator instances through the public API, the real C layer and the
// published runtime: a C program (suballoc_hierarchy.c) makes what allocscc would emit by hand.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Runtime;

public class SuballocHierarchyTests
{
    private static readonly Lazy<ProcessResult> Output = new(BuildAndRun);

    private static ProcessResult BuildAndRun()
    {
        Assert.True(File.Exists(Path.Combine(Repo.Lib, "libliballocs.so")), "libliballocs.so is missing: run `make` (bin/test does)");
        var output = Path.Combine(Repo.Root, "artifacts", "test-bin", "suballoc_hierarchy");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var source = Path.Combine(Repo.Root, "tests", "Liballocs.Tests", "Runtime", "suballoc_hierarchy.c");
        var cc = Processes.Run("gcc", ["-std=gnu11", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-I", Repo.Include,
            "-o", output, source, "-L", Repo.Lib, "-lliballocs", "-Wl,-rpath," + Repo.Lib]);
        Assert.True(cc.ExitCode == 0, cc.All);
        var run = Processes.Run(output, [], environment: new Dictionary<string, string?>
        {
            ["LIBALLOCS_OPTIONS"] = "verbosity=1:color=never",
        });
        Assert.True(run.ExitCode == 0, run.All);
        return run;
    }

    private static string Line(string name) =>
        Output.Value.Stdout.Split('\n').SingleOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no line '{name}' in:\n{Output.Value.All}");

    private static string Value(string name) => Line(name)[(name.Length + 2)..];

    [Fact]
    public void A_pool_chunk_inside_a_heap_chunk_is_level_0_the_heap_chunk_level_1_the_mapping_level_2()
    {
        Assert.Equal("pool", Value("node allocator"));
        Assert.Equal("24", Value("node size"));
        Assert.Equal("+0", Value("node base"));
        Assert.Equal("node", Value("node type"));
        Assert.Equal("1", Value("node site"));
        Assert.Equal("pool base=+64 size=24 type=node", Value("node level 0"));
        Assert.Equal("malloc base=+0 size=4096 type=-", Value("node level 1"));
        Assert.Equal("1", Value("node level 2 is the mapping"));
        Assert.Equal("none", Value("node level 3"));
    }

    [Fact]
    public void Heap_memory_around_a_pool_chunk_is_the_heap_chunk_whose_level_1_is_the_mapping()
    {
        Assert.Equal("malloc base=+0 size=4096 type=-", Value("block level 0"));
        Assert.Equal("malloc base=+0 size=4096 type=-", Value("after node level 0"));
        Assert.Matches("^(brk|mmap) ", Value("block level 1 is the mapping"));
    }

    [Fact]
    public void A_pool_instance_has_its_own_descriptor_answering_for_its_chunks_only()
    {
        Assert.Equal("malloc", Value("node parent"));
        Assert.Equal("24", Value("pool get_size(node)"));
        Assert.Equal("-1", Value("pool get_info(block)"));
        Assert.Equal("+0", Value("malloc get_base(node)"));
        Assert.Equal("1", Value("pool walk over the block"));
        Assert.Equal("2", Value("suballocator walk over the block"));
    }

    [Fact]
    public void Chunks_without_a_site_are_the_suballocator_family_and_static_memory_can_hold_chunks()
    {
        Assert.Equal("suballocator", Value("siteless allocator"));
        Assert.Equal("pool base=+32 size=16 type=node", Value("static chunk level 0"));
        // The test program is built with plain gcc -g: its char[256] is typed by its DWARF.
        Assert.Equal("static base=+0 size=256 type=__ARR256_signed_char$8", Value("static chunk level 1"));
    }

    [Fact]
    public void A_heap_chunk_from_a_wrapper_site_is_named_after_the_instance_with_malloc_as_parent()
    {
        Assert.Equal("xmalloc", Value("xmalloc allocator"));
        Assert.Equal("malloc", Value("xmalloc parent"));
        Assert.Equal("__ARR10_int$32", Value("xmalloc type"));
        Assert.Equal("1", Value("xmalloc level 1 is the mapping"));
        Assert.Equal("-1", Value("xmalloc get_info(block)"));
        Assert.Equal("40", Value("xmalloc get_size(buf)"));
        Assert.Equal("1", Value("same instance twice"));
    }

    [Fact]
    public void Free_release_and_the_holders_death_forget_chunks()
    {
        Assert.Equal("malloc", Value("freed node allocator"));
        Assert.Equal("malloc", Value("released allocator"));
        Assert.Equal("pool", Value("static chunk after another arena's release"));
        Assert.Equal("static", Value("static chunk after its release"));
        Assert.Equal("1", Value("chunk left in a freed block"));
    }

    [Fact]
    public void Wild_pointers_are_still_unknown() => Assert.Equal("1 1 1 1", Value("wild"));

    [Fact]
    public void Reports_name_the_pool_as_storage_and_the_pool_function_as_allocator()
    {
        var err = Output.Value.Stderr;
        Assert.Contains("is 0 bytes into a 'struct node' pool allocation of 24 bytes; subobject at that offset: 'long'\n", err);
        Assert.Contains("    allocated by pool_alloc in make_node pool_user.c:10:5\n", err);
    }

    [Fact]
    public void Reports_on_a_wrappers_chunk_say_heap_and_name_the_called_function()
    {
        var err = Output.Value.Stderr;
        Assert.Contains("is 0 bytes into a 'int[10]' heap allocation of 40 bytes; subobject at that offset: 'int'\n", err);
        Assert.Contains("    allocated by xcalloc in make_buf wrap.c:20:7\n", err);
    }

    [Fact]
    public void An_untyped_pool_chunk_is_typed_lazily_and_facts_about_it_die_with_it()
    {
        Assert.Equal("__ARR2_node", Value("lazily typed"));
        Assert.Equal("pool", Value("lazily typed allocator"));
        var err = Output.Value.Stderr;
        Assert.Matches(@"liballocs: note: typed the pool chunk at 0x[0-9a-f]+ as 'struct node' at its first checked cast, pool_user.c:30:12\n", err);
        Assert.Contains("is 8 bytes into a 'struct node[2]' pool allocation of 48 bytes; subobject at that offset: 'long'\n", err);
        Assert.DoesNotContain("is 24 bytes into", err); // beyond the lazily typed head: unknown storage, no report
        Assert.Contains("    allocated by pool_alloc in make_raw pool_user.c:11:9\n", err);
        Assert.Equal("1", Value("generation bumped by freeing a chunk a fact came from"));
        Assert.Equal("0", Value("generation bumped by freeing a chunk no fact came from"));
        Assert.Contains("liballocs: 6 checks begun: 2 passed (0 via cache), 3 failed, 1 unknown storage, 0 suppressed\n", err);
    }
}
