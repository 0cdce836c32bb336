// Merging the built-in allocator configuration with the user's, and loading them from files (AllocatorConfiguration, AllocatorConfigurationLoader).
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Driver;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

public sealed class AllocatorConfigurationTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("allocators");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string BuiltIn => new ToolLayout(Repo.Root).AllocatorsFile;

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_user_allocator_replaces_the_built_in_one_of_the_same_name()
    {
        AllocatorConfiguration config = Instrumenting.WithAllocators("""
            allocators:
              malloc:
                kind: heap
                functions:
                  malloc: { size: 0 }
                  free:   { frees: 0 }
                  calloc: { size: 1, count: 0 }
                  reallocf: { reallocates: 0, size: 1 }
            """);
        Assert.Equal(["malloc", "alloca"], config.Allocators.Select(a => a.Name));
        Assert.Equal("user.yaml", config.Find("malloc")!.Place.File);
        Assert.NotNull(config.Find("reallocf"));
        Assert.Null(config.Find("strdup")); // the built-in malloc's other functions went with it
        Assert.NotNull(config.Find("alloca"));
    }

    [Fact]
    public void A_function_moves_to_another_allocator_when_its_old_allocator_is_redefined_without_it()
    {
        AllocatorConfiguration config = Instrumenting.WithAllocators("""
            allocators:
              alloca:
                kind: stack
                functions:
                  __builtin_alloca: { size: 0 }
            """);
        Assert.Equal(["__builtin_alloca"], config.StackFunctions);
    }

    [Fact]
    public void Files_merge_in_order_built_in_then_environment_then_command_line()
    {
        string first = Write("first.yaml", "allocators:\n  w: { kind: wrapper, of: malloc, functions: { wa: { size: 0 } } }\n");
        string second = Write("second.yaml", "allocators:\n  w: { kind: wrapper, of: malloc, functions: { wb: { size: 0 } } }\n");
        ConfigurationOutcome outcome = AllocatorConfigurationLoader.Load(BuiltIn, [first, second]);
        Assert.Null(outcome.Error);
        Assert.Null(outcome.Configuration!.Find("wa"));
        Assert.Equal((second, 2), (outcome.Configuration.Find("wb")!.Place.File, outcome.Configuration.Find("wb")!.Place.Line));
    }

    [Fact]
    public void A_missing_built_in_configuration_is_an_error_naming_its_path()
    {
        string missing = Path.Combine(dir, "instrument", "allocators.yaml");
        Diagnostic error = AllocatorConfigurationLoader.Load(missing, []).Error!;
        Assert.Equal(("LA1015", DiagnosticSeverity.Error), (error.Descriptor.Id, error.Descriptor.Severity));
        Assert.StartsWith($"allocscc: error: cannot read the built-in allocator configuration {missing} (", error.Format());
    }

    [Fact]
    public void A_missing_user_file_is_an_error_naming_it()
    {
        string missing = Path.Combine(dir, "nope.yaml");
        Diagnostic error = AllocatorConfigurationLoader.Load(BuiltIn, [missing]).Error!;
        Assert.Equal("LA1015", error.Descriptor.Id);
        Assert.Contains($"cannot read the allocator configuration {missing}", error.Message);
    }

    [Fact]
    public void A_malformed_user_file_is_reported_with_its_path_and_line()
    {
        string bad = Write("bad.yaml", "allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f: { size: x }\n");
        Diagnostic error = AllocatorConfigurationLoader.Load(BuiltIn, [bad]).Error!;
        Assert.StartsWith($"allocscc: error: {bad}:6: 'size' of function 'f' must be an argument index", error.Format());
    }
}
