// The C layer's own test programs (tests/native), built by `make -C runtime/native tests`.
// Each prints a PASS or FAIL line per property it checks and exits non-zero on any failure.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Runtime;

public class NativeLayerTests
{
    private static string TestBin(string name) => Path.Combine(Repo.Lib, "tests", name);

    private static void RunNative(string name, string file, string[] args, Dictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists(file), $"{file} is missing: run `make -C runtime/native tests` (bin/test does)");
        var run = Processes.Run(file, args, Repo.Root, environment, timeoutSeconds: 300);
        Assert.True(run.ExitCode == 0, $"{name} exited {run.ExitCode}:\n{run.All}");
        Assert.DoesNotContain("FAIL", run.Stdout);
        Assert.Contains("PASS", run.Stdout);
    }

    // The programs the facts below run their own way (arguments, environment, another loader), and sources that are no program
    // of their own name: fake_rt.c is a library; dummyweaks_link.c is built twice, linked statically and as a shared library.
    private static readonly string[] RunOtherwise = ["api_default_path", "stack_and_initial_stack", "heap_index_stress", "fake_rt", "dummyweaks_link"];

    /// <summary>Every test program of tests/native that runs without arguments, found by its source (as the Makefile
    /// builds them), so that a new test file cannot be left out.</summary>
    public static TheoryData<string> PlainPrograms()
    {
        var sources = Directory.GetFiles(Path.Combine(Repo.Root, "tests", "native"), "*.c")
            .Select(f => Path.GetFileNameWithoutExtension(f)!).Where(n => !RunOtherwise.Contains(n)).Order(StringComparer.Ordinal);
        return [.. sources, "dummyweaks_static", "dummyweaks_shared"];
    }

    [Theory]
    [MemberData(nameof(PlainPrograms))]
    public void Native_test_program_passes(string name) => RunNative(name, TestBin(name), []);

    [Fact]
    public void Runtime_is_found_beside_the_C_layer_without_LIBALLOCS_RT() =>
        RunNative("api_default_path", TestBin("api_default_path"), [], new() { ["LIBALLOCS_RT"] = null });

    [Fact]
    public void Stack_records_and_initial_stack_are_right() =>
        RunNative("stack_and_initial_stack", TestBin("stack_and_initial_stack"), ["one", "two words", ""],
            new() { ["LIBALLOCS_TEST_ENV"] = "on" });

    [Fact]
    public void Initial_stack_is_right_when_run_through_the_dynamic_loader() =>
        RunNative("stack_and_initial_stack", "/lib64/ld-linux-x86-64.so.2", [TestBin("stack_and_initial_stack"), "via-ld.so"]);

    [Fact]
    public void Heap_index_survives_a_million_operations_from_four_threads() =>
        RunNative("heap_index_stress", TestBin("heap_index_stress"), []);

    [Fact]
    public void Heap_index_survives_cross_thread_address_reuse_in_one_shared_arena() =>
        RunNative("heap_index_stress", TestBin("heap_index_stress"), [],
            new() { ["GLIBC_TUNABLES"] = "glibc.malloc.arena_max=1:glibc.malloc.tcache_count=0" });
}
