// How sources are parsed and instrumented.
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>How to parse and instrument sources.</summary>
/// <param name="ChecksIncludeDirectory">Absolute path of the checks' header (liballocs_checks.h), which the instrumented file includes.</param>
/// <param name="ClangArguments">Arguments for libclang: the compile's preprocessor and language options.</param>
/// <param name="DataModel">Sizes of built-in types on the target.</param>
/// <param name="LikeTypes">Struct tags whose casts are checked with <c>like_a</c>.</param>
/// <param name="Allocators">The allocator configuration: which calls are allocation sites, frees and releases, and which bodies are allocator code.</param>
internal sealed record InstrumentOptions(string ChecksIncludeDirectory, IReadOnlyList<string> ClangArguments, DataModel DataModel,
    IReadOnlySet<string> LikeTypes, AllocatorConfiguration Allocators);
