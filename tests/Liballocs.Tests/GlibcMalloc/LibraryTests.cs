// libglibc_malloc.so itself (built by `liballocs glibc-malloc`, which bin/test runs first): its morecore, region and
// trace hooks, and its tunables, through the test programs of glibc-malloc/tests.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.GlibcMalloc;

public class LibraryTests
{
    private static string Work => Path.Combine(Repo.Root, "artifacts", "glibc-malloc", "installed");
    private static string Library => Path.Combine(Repo.Lib, "libglibc_malloc.so");

    private static string Built(string name)
    {
        Assert.True(File.Exists(Library), $"{Library} is missing: run bin/liballocs glibc-malloc (bin/test does)");
        var make = Processes.Run("make", ["-s", "-C", Path.Combine(Repo.Root, "glibc-malloc"), "WORK=" + Work, "OUT=" + Library, "tests"], timeoutSeconds: 300);
        Assert.True(make.ExitCode == 0, make.All);
        return Path.Combine(Work, "tests", name);
    }

    private static void Passes(ProcessResult run)
    {
        Assert.True(run.ExitCode == 0, run.All);
        Assert.DoesNotContain("FAIL", run.Stdout);
        Assert.Contains("PASS", run.Stdout);
    }

    [Fact]
    public void A_custom_morecore_over_a_static_arena_serves_every_small_allocation_and_the_hooks_see_every_region() =>
        Passes(Processes.Run(Built("morecore"), []));

    [Fact]
    public void Without_a_tunable_new_allocations_are_not_perturbed() =>
        Passes(Processes.Run(Built("tunables"), ["0"], environment: new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = null, ["MALLOC_PERTURB_"] = null }));

    [Fact]
    public void GLIBC_TUNABLES_sets_malloc_tunables() =>
        Passes(Processes.Run(Built("tunables"), ["165"], environment: new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = "glibc.malloc.perturb=165" }));

    [Fact]
    public void The_documented_environment_alias_sets_the_same_tunable() =>
        Passes(Processes.Run(Built("tunables"), ["7"], environment: new Dictionary<string, string?> { ["GLIBC_TUNABLES"] = null, ["MALLOC_PERTURB_"] = "7" }));

    [Fact]
    public void The_library_exports_the_malloc_family_under_glibcs_names_and_its_interface_and_nothing_else()
    {
        Assert.True(File.Exists(Library), $"{Library} is missing: run bin/liballocs glibc-malloc (bin/test does)");
        var nm = Processes.Run("nm", ["-D", "--defined-only", Library]);
        var exported = nm.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[^1].Split('@')[0]).ToList();
        string[] expected =
        [
            "aligned_alloc", "calloc", "free", "glibc_malloc_set_morecore", "glibc_malloc_set_region_hook", "glibc_malloc_set_trace_hook",
            "mallinfo", "mallinfo2", "malloc", "malloc_info", "malloc_stats", "malloc_trim", "malloc_usable_size", "mallopt",
            "memalign", "posix_memalign", "pvalloc", "realloc", "reallocarray", "valloc",
            "__libc_calloc", "__libc_free", "__libc_mallinfo", "__libc_malloc", "__libc_mallopt", "__libc_memalign",
            "__libc_pvalloc", "__libc_realloc", "__libc_valloc",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        var imports = Processes.Run("nm", ["-D", "--undefined-only", Library]);
        Assert.DoesNotContain("GLIBC_PRIVATE", imports.Stdout);
    }
}
