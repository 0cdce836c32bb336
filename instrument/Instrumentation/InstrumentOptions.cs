// How sources are parsed and instrumented.
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>How to parse and instrument sources.</summary>
/// <param name="IncludeDirectory">Absolute path of the contract's headers (contract/include): the instrumented file includes its
/// liballocs_checks.h.</param>
/// <param name="ClangArguments">Arguments for libclang: the compile's preprocessor and language options.</param>
/// <param name="DataModel">Sizes of built-in types on the target.</param>
/// <param name="LikeTypes">Struct tags whose casts are checked with <c>like_a</c>.</param>
/// <param name="Allocators">The allocator configuration: which calls are allocation sites, frees and releases, and which bodies are allocator code.</param>
internal sealed record InstrumentOptions(string IncludeDirectory, IReadOnlyList<string> ClangArguments, DataModel DataModel,
    IReadOnlySet<string> LikeTypes, AllocatorConfiguration Allocators);
