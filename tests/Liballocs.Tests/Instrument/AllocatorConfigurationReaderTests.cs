// Reading one allocator configuration file and every problem it can have on its own (AllocatorConfigurationReader).
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Diagnostics;

namespace Liballocs.Tests.Instrument;

public class AllocatorConfigurationReaderTests
{
    /// <summary>The one error of loading <paramref name="yaml"/> as the user's file over the built-in one.</summary>
    private static Diagnostic Error(string yaml)
    {
        string builtIn = File.ReadAllText(Path.Combine(Liballocs.Tests.Support.Repo.Root, "instrument", "allocators.yaml"));
        ConfigurationOutcome outcome = AllocatorConfigurationLoader.FromTexts([("allocators.yaml", builtIn), ("user.yaml", yaml)]);
        Assert.Null(outcome.Configuration);
        return Assert.IsType<Diagnostic>(outcome.Error);
    }

    private static void AssertError(string yaml, int line, string message)
    {
        Diagnostic error = Error(yaml);
        Assert.Equal(("LA1014", DiagnosticSeverity.Error, "user.yaml", line), (error.Descriptor.Id, error.Descriptor.Severity, error.File, error.Line));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_built_in_configuration_reads_as_documented()
    {
        AllocatorConfiguration config = Instrumenting.BuiltInAllocators.Value;
        Assert.Equal(["malloc", "alloca"], config.Allocators.Select(a => a.Name));
        AllocatorFunction calloc = config.Find("calloc")!;
        Assert.Equal(("malloc", AllocatorKind.Heap, AllocatorRole.Allocates, 1, 0), (calloc.Instance, calloc.Kind, calloc.Role, calloc.Size, calloc.Count));
        AllocatorFunction getline = config.Find("getline")!;
        Assert.Equal((0, "char"), (getline.ResultIn, getline.TypeName));
        Assert.Equal((AllocatorRole.Frees, 0), (config.Find("free")!.Role, config.Find("free")!.Frees));
        Assert.Equal(0, config.Find("strdup")!.String);
        Assert.Equal(["alloca", "__builtin_alloca"], config.StackFunctions.Order(StringComparer.Ordinal).Reverse());
        Assert.True(config.IsAllocatorCode("free"));
        Assert.Null(config.Find("printf"));
    }

    [Fact]
    public void A_wrappers_header_adds_up_along_the_wrappers_it_wraps_and_fits_only_wrappers()
    {
        AllocatorConfiguration config = Instrumenting.WithAllocators("""
            allocators:
              sized:
                kind: wrapper
                of: malloc
                header: 8
                functions: { sized_alloc: { size: 0 } }
              tagged:
                kind: wrapper
                of: sized
                header: 16
                functions: { tagged_alloc: { size: 0 } }
            """);
        Assert.Equal((8, 24, 0), (config.Find("sized_alloc")!.Header, config.Find("tagged_alloc")!.Header, config.Find("malloc")!.Header));
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    header: 12\n    functions: { f: { size: 0 } }\n", 5,
            "'header' of allocator 'w' must be the bytes the wrapper keeps before each object, a multiple of 8 up to 4096, not '12'");
        AssertError("allocators:\n  p:\n    kind: suballocator\n    header: 8\n    functions: { f: { size: 0 } }\n", 4,
            "'header' is only for wrappers, and 'p' is a suballocator");
    }

    [Fact]
    public void A_wrapper_and_a_suballocator_read_with_their_roles_and_places()
    {
        AllocatorConfiguration config = Instrumenting.WithAllocators("""
            allocators:
              xmalloc:
                kind: wrapper
                of: malloc
                functions:
                  xmalloc: { size: 0 }
                  xstrdup: { string: 0, type: unsigned char }
              pool:
                kind: suballocator
                functions:
                  pool_alloc:   { arena: 0, count: 1, size: 2 }
                  pool_free:    { arena: 0, frees: 1 }
                  pool_destroy: { releases: 0 }
            """);
        AllocatorFunction xstrdup = config.Find("xstrdup")!;
        Assert.Equal(("xmalloc", AllocatorKind.Wrapper, "unsigned char", 7), (xstrdup.Instance, xstrdup.Kind, xstrdup.TypeName, xstrdup.Place.Line));
        AllocatorFunction alloc = config.Find("pool_alloc")!;
        Assert.Equal((0, 1, 2, "user.yaml"), (alloc.Arena, alloc.Count, alloc.Size, alloc.Place.File));
        Assert.Equal((AllocatorRole.Releases, 0), (config.Find("pool_destroy")!.Role, config.Find("pool_destroy")!.Releases));
        Assert.Equal(["malloc", "alloca", "xmalloc", "pool"], config.Allocators.Select(a => a.Name));
    }

    [Fact]
    public void A_type_name_is_kept_in_one_spelling()
    {
        AllocatorConfiguration config = Instrumenting.WithAllocators("""
            allocators:
              w: { kind: wrapper, of: malloc, functions: { mk: { size: 0, type: "struct  node**" } } }
            """);
        Assert.Equal("struct node **", config.Find("mk")!.TypeName);
    }

    [Fact]
    public void Bad_yaml_is_reported_at_its_line()
    {
        AssertError("allocators:\n  w:\n    kind: wrapper\n   of: [malloc\n", 4, "not valid YAML");
    }

    [Fact]
    public void A_key_given_twice_is_reported_at_its_line()
    {
        AssertError("allocators:\n  w:\n    kind: wrapper\n    kind: heap\n", 4, "the key 'kind' is given twice");
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        AssertError("# nothing here\n", 1, "the file is empty");
    }

    [Theory]
    [InlineData("allocator:\n  w: { kind: stack }\n", 1, "unknown key 'allocator'")]
    [InlineData("allocators:\n  w:\n    kind: wrapper\n    off: malloc\n    functions: { f: { size: 0 } }\n", 4, "unknown key 'off' in allocator 'w'")]
    [InlineData("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f: { size: 0, sise: 1 }\n", 6, "unknown role 'sise' of function 'f'")]
    public void Unknown_keys_are_reported_at_their_line(string yaml, int line, string message)
    {
        AssertError(yaml, line, message);
    }

    [Fact]
    public void An_unknown_kind_is_reported_at_its_line()
    {
        AssertError("allocators:\n  w:\n    kind: pool\n    functions: { f: { size: 0 } }\n", 3, "unknown kind 'pool' of allocator 'w'");
    }

    [Fact]
    public void An_allocator_without_a_kind_or_functions_is_an_error()
    {
        AssertError("allocators:\n  w:\n    functions: { f: { size: 0 } }\n", 2, "allocator 'w' has no 'kind'");
        AssertError("allocators:\n  p:\n    kind: suballocator\n", 2, "allocator 'p' has no functions");
    }

    [Fact]
    public void A_wrapper_needs_of_and_of_must_name_an_allocator()
    {
        AssertError("allocators:\n  w:\n    kind: wrapper\n    functions: { f: { size: 0 } }\n", 2, "wrapper 'w' has no 'of'");
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: mallok\n    functions: { f: { size: 0 } }\n", 4, "wraps 'mallok', which is no allocator");
    }

    [Fact]
    public void Of_is_only_for_wrappers_and_a_wrapper_wraps_the_heap()
    {
        AssertError("allocators:\n  p:\n    kind: suballocator\n    of: malloc\n    functions: { f: { size: 0 } }\n", 4, "'of' is only for wrappers");
        AssertError("allocators:\n  p:\n    kind: suballocator\n    functions: { pa: { size: 0 } }\n  w:\n    kind: wrapper\n    of: p\n    functions: { f: { size: 0 } }\n",
            7, "wrapper 'w' wraps 'p', a suballocator");
        AssertError("allocators:\n  a:\n    kind: wrapper\n    of: b\n    functions: { f: { size: 0 } }\n  b:\n    kind: wrapper\n    of: a\n    functions: { g: { size: 0 } }\n",
            4, "wrapper 'a' wraps itself (a -> b -> a)");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("one")]
    [InlineData("1.5")]
    [InlineData("[0]")]
    public void Argument_indexes_must_be_non_negative_integers(string index)
    {
        AssertError($"allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f: {{ size: {index} }}\n", 6,
            "'size' of function 'f' must be an argument index, a non-negative integer");
    }

    [Fact]
    public void A_function_needs_exactly_one_role()
    {
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f: { type: char }\n", 6, "function 'f' has no role");
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f:\n", 6, "function 'f' has no role");
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      f: { size: 0, frees: 1 }\n", 6, "more than one role");
    }

    [Fact]
    public void A_function_in_two_allocators_is_reported_where_it_is_added()
    {
        AssertError("allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      xmalloc: { size: 0 }\n      malloc: { size: 0 }\n", 7,
            "function 'malloc' is already in allocator 'malloc' (allocators.yaml:");
        AssertError("allocators:\n  a:\n    kind: wrapper\n    of: malloc\n    functions: { f: { size: 0 } }\n  b:\n    kind: wrapper\n    of: malloc\n    functions: { f: { size: 0 } }\n",
            9, "function 'f' is already in allocator 'a' (user.yaml:5)");
    }

    [Theory]
    [InlineData("kind: wrapper\n    of: malloc", "f: { arena: 1, size: 0 }", "'arena' is only for suballocators, and 'w' is a wrapper")]
    [InlineData("kind: wrapper\n    of: malloc", "f: { releases: 0 }", "'releases' is only for suballocators")]
    [InlineData("kind: suballocator", "f: { reallocates: 0, size: 1 }", "'reallocates' is not supported in suballocators")]
    [InlineData("kind: suballocator", "f: { result_in: 0, size: 1 }", "'result_in' is not supported in suballocators")]
    [InlineData("kind: suballocator", "f: { arena: 0 }", "function 'f' has no role")]
    [InlineData("kind: suballocator", "f: { count: 1, arena: 0, type: char }", "needs 'size'")]
    [InlineData("kind: stack", "alloca: { frees: 0 }", "does not fit a stack allocator")]
    [InlineData("kind: stack", "my_alloca: { size: 0 }", "can only be alloca and __builtin_alloca")]
    [InlineData("kind: heap", "f: { size: 0 }", "kind heap is only for the built-in allocator 'malloc'")]
    public void Roles_must_fit_the_kind(string kind, string function, string message)
    {
        Diagnostic error = Error($"allocators:\n  w:\n    {kind}\n    functions:\n      {function}\n");
        Assert.Contains(message, error.Message);
        Assert.True(error.Line > 0, error.Format());
    }

    [Theory]
    [InlineData("f: { count: 0 }", "'count' of function 'f' needs 'size'")]
    [InlineData("f: { reallocates: 0 }", "'reallocates' of function 'f' needs 'size'")]
    [InlineData("f: { string: 0, size: 1 }", "'string' of function 'f' cannot be combined with 'size'")]
    [InlineData("f: { size: 0, count: 0 }", "names argument 0 twice ('size' and 'count')")]
    [InlineData("f: { frees: 0, type: char }", "'type' of function 'f' is only for allocating functions")]
    [InlineData("f: { size: 0, type: \"char[4]\" }", "must be a C type name")]
    [InlineData("\"not a name\": { size: 0 }", "'not a name' is not a C function name")]
    public void Inconsistent_roles_are_errors(string function, string message)
    {
        AssertError($"allocators:\n  w:\n    kind: wrapper\n    of: malloc\n    functions:\n      {function}\n", 6, message);
    }

    [Fact]
    public void The_error_is_one_line_naming_file_and_line()
    {
        Diagnostic error = Error("allocators:\n  w:\n    kind: pool\n    functions: { f: { size: 0 } }\n");
        Assert.Equal("allocscc: error: user.yaml:3: unknown kind 'pool' of allocator 'w' (expected heap, wrapper, suballocator or stack) [LA1014]", error.Format());
    }
}
